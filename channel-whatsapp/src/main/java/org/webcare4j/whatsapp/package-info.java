/**
 * The WhatsApp Business Cloud API channel: receive and answer WhatsApp messages through the
 * webcare4j model. Start with {@link org.webcare4j.whatsapp.WhatsAppChannel#builder}.
 */
package org.webcare4j.whatsapp;
