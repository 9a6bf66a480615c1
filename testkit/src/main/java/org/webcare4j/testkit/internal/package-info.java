/** Simulator plumbing; not API. */
package org.webcare4j.testkit.internal;
