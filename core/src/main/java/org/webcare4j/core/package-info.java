/**
 * webcare4j core: the {@link org.webcare4j.core.Webcare} entry point, the {@link
 * org.webcare4j.core.Inbox}, and the exception hierarchy rooted in {@link
 * org.webcare4j.core.error.WebcareException}.
 */
package org.webcare4j.core;
