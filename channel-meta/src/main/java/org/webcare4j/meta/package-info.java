/**
 * Facebook Pages and Messenger through the Graph API: public comment threads, private
 * conversations, private replies that move a thread out of the public eye, and moderation.
 */
package org.webcare4j.meta;
