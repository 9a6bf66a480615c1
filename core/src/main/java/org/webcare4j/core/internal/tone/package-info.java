/** The built-in tone rules, their detectors and word lists; not API. */
package org.webcare4j.core.internal.tone;
