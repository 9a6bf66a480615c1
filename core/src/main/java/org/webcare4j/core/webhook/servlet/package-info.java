/**
 * Mounts webcare4j's webhook handling in a Jakarta Servlet container; needs {@code
 * jakarta.servlet-api} 6 on the host's classpath.
 */
package org.webcare4j.core.webhook.servlet;
