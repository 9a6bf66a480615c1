/**
 * Platform simulators that behave like the documented APIs (request shapes, error bodies, rate
 * limits, signed webhooks), for the tests and demos of webcare4j and of products built on it.
 */
package org.webcare4j.testkit;
