/**
 * HTTP for channel modules: one OkHttp client shared by all channels, with I/O failures
 * classified by whether the request had left, which decides if retrying is safe.
 */
package org.webcare4j.core.http;
