package org.webcare4j.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.error.MalformedPayloadException;

/**
 * Defensive reading of platform JSON, for every channel's payload parser: every failure is a
 * {@link MalformedPayloadException} naming the field, never a parser's exception and never the
 * personal data the field holds.
 */
public final class PayloadJson {
  private static final ObjectMapper MAPPER = Json.mapper();

  private PayloadJson() {}

  /**
   * Parses a body as a JSON object.
   *
   * @param body the raw bytes
   * @return the root object
   * @throws MalformedPayloadException when the body is not a JSON object
   */
  public static JsonNode object(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      // Jackson's own limits (nesting depth, number length) give no location
      throw new MalformedPayloadException(e.getLocation() == null ? "body is not valid JSON"
          : "body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new MalformedPayloadException("body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPayloadException("body is not a JSON object");
    }
    return root;
  }

  /**
   * Reads an optional array field.
   *
   * @param node the object holding it
   * @param field the field's name
   * @param where a path for the error message
   * @return its elements; empty when the field is absent or null
   * @throws MalformedPayloadException when present but not an array
   */
  public static List<JsonNode> array(JsonNode node, String field, String where) {
    JsonNode value = node == null ? MissingNode.getInstance() : node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new MalformedPayloadException(where + "." + field + " is not an array");
    }
    List<JsonNode> elements = new ArrayList<>(value.size());
    value.forEach(elements::add);
    return elements;
  }

  /**
   * Reads a required array field.
   *
   * @param node the object holding it
   * @param field the field's name
   * @param where a path for the error message
   * @return its elements
   * @throws MalformedPayloadException when absent or not an array
   */
  public static List<JsonNode> requiredArray(JsonNode node, String field, String where) {
    JsonNode value = node == null ? MissingNode.getInstance() : node.path(field);
    if (!value.isArray()) {
      throw new MalformedPayloadException("missing " + where + "." + field + " array");
    }
    return array(node, field, where);
  }

  /**
   * Reads a required, non-blank text field.
   *
   * @param node the object holding it
   * @param field the field's name
   * @param where a path for the error message, such as {@code entry[0].changes[1].value}
   * @return the text
   * @throws MalformedPayloadException when absent, blank or not a scalar
   */
  public static String text(JsonNode node, String field, String where) {
    JsonNode value = node == null ? MissingNode.getInstance() : node.path(field);
    if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
      throw new MalformedPayloadException("missing " + where + "." + field);
    }
    return value.asText();
  }

  /**
   * Reads an optional text field.
   *
   * @param node the object holding it
   * @param field the field's name
   * @return the text, empty when absent, null or blank
   */
  public static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node == null ? MissingNode.getInstance() : node.path(field);
    if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  /**
   * Reads a required Unix timestamp in seconds, given as a number or a numeric string.
   *
   * @param node the object holding it
   * @param field the field's name
   * @param where a path for the error message
   * @return the instant
   * @throws MalformedPayloadException when absent or not a number of seconds
   */
  public static Instant epochSeconds(JsonNode node, String field, String where) {
    String raw = text(node, field, where);
    try {
      long seconds = Long.parseLong(raw.strip());
      if (seconds < 0 || seconds > 253_402_300_799L) {
        throw new NumberFormatException("out of range");
      }
      return Instant.ofEpochSecond(seconds);
    } catch (NumberFormatException e) {
      throw new MalformedPayloadException(where + "." + field + " is not a Unix timestamp");
    }
  }
}
