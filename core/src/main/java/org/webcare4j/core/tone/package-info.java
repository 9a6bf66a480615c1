/**
 * The tone-of-voice rules: {@link org.webcare4j.core.tone.ToneChecker} checks a reply (or
 * classifies an inbound message) against a {@link org.webcare4j.core.tone.ToneProfile} and
 * returns a {@link org.webcare4j.core.tone.ToneReport}; {@link org.webcare4j.core.tone.ToneRule}
 * is the SPI for rules of one's own.
 */
package org.webcare4j.core.tone;
