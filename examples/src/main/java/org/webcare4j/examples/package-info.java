/** Runnable examples of webcare4j on its embedded default setup. */
package org.webcare4j.examples;
