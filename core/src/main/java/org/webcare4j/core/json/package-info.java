/**
 * JSON for channels: {@link org.webcare4j.core.json.Json} is the one Jackson configuration every
 * module reads and writes platform JSON with, and {@link org.webcare4j.core.json.PayloadJson}
 * reads a webhook or API body defensively, failing with a
 * {@link org.webcare4j.core.error.MalformedPayloadException} that names the field.
 */
package org.webcare4j.core.json;
