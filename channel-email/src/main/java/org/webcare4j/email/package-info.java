/**
 * The e-mail channel: a mailbox read over IMAP and answered over SMTP, on Jakarta Mail (Eclipse
 * Angus).
 */
package org.webcare4j.email;
