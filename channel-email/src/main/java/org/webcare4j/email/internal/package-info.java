/** Mail parsing, the IMAP poller and the SMTP sender; not API. */
package org.webcare4j.email.internal;
