/**
 * Live chat on the organisation's own website: {@link org.webcare4j.webchat.WebchatChannel}, its
 * HTTP adapters for the JDK server and Jakarta Servlet, and the embeddable widget it serves.
 */
package org.webcare4j.webchat;
