/** Implementation detail of the WhatsApp channel. Not API: may change in any release. */
package org.webcare4j.whatsapp.internal;
