package org.webcare4j.testkit;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Breaks a documented JSON payload the ways a platform's newer version, a bug on its side or a
 * sender holding the secret might: a field dropped, a value of the wrong type, a huge string,
 * deep nesting, lone surrogates and control characters, nulls. For property tests of channel
 * parsers: pick a place and a mutation (jqwik's {@code @ForAll} does it well), sign the result
 * and check that the channel keeps every well-formed item and answers as it should.
 *
 * <pre>{@code
 * PayloadMutations m = PayloadMutations.of(documentedEntry);
 * String broken = m.mutate(place % m.places(), mutation);
 * }</pre>
 *
 * <p>Output is written with every non-ASCII character escaped ({@code \ud800}), so lone
 * surrogates reach the parser as JSON allows them rather than being lost in UTF-8.
 */
public final class PayloadMutations {
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What is done at the chosen place. */
  public enum Mutation {
    /** The field (or array element) is removed. */
    DROP,
    /** The value becomes {@code null}. */
    NULL,
    /** The value becomes {@code {}}. */
    EMPTY_OBJECT,
    /** The value becomes {@code []}. */
    EMPTY_ARRAY,
    /** The value becomes an array holding one empty object. */
    ARRAY_OF_OBJECT,
    /** The value becomes {@code 0}. */
    ZERO,
    /** The value becomes {@code -1}. */
    NEGATIVE,
    /** The value becomes a number no {@code long} holds. */
    HUGE_NUMBER,
    /** The value becomes {@code 1e308}, a double at the edge. */
    HUGE_DOUBLE,
    /** The value becomes {@code true}. */
    BOOLEAN,
    /** The value becomes {@code ""}. */
    EMPTY_STRING,
    /** The value becomes a blank string. */
    BLANK_STRING,
    /** The value becomes a string of 100,000 characters, accents and emoji among them. */
    HUGE_STRING,
    /** The value becomes 400 nested arrays and objects around a string. */
    DEEP_NESTING,
    /** The value becomes a string with lone and reversed surrogates. */
    LONE_SURROGATES,
    /** The value becomes a string with NUL, a byte-order mark and a right-to-left override. */
    CONTROL_CHARACTERS,
    /** A string value has its first character doubled; anything else becomes a string. */
    STRING_INSTEAD
  }

  private final JsonNode root;
  private final List<JsonPointer> places;

  private PayloadMutations(JsonNode root) {
    this.root = root;
    this.places = new ArrayList<>();
    collect(root, JsonPointer.empty(), places);
  }

  /**
   * Reads the documented payload to mutate.
   *
   * @param json a JSON document, an object or an array
   * @return the mutations of it
   * @throws IllegalArgumentException when it is not JSON
   */
  public static PayloadMutations of(String json) {
    try {
      JsonNode root = JSON.readTree(Objects.requireNonNull(json, "json"));
      if (root == null || !root.isContainerNode()) {
        throw new IllegalArgumentException("not a JSON object or array");
      }
      return new PayloadMutations(root);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }

  /**
   * Returns how many places can be mutated: every value below the root.
   *
   * @return at least 1 for a non-empty document
   */
  public int places() {
    return places.size();
  }

  /**
   * Returns the JSON pointer of a place, for a failing property's report.
   *
   * @param place the place, {@code 0 <= place < places()}
   * @return such as {@code /changes/0/value/messages/0/from}
   */
  public String pointer(int place) {
    return places.get(place).toString();
  }

  /**
   * Mutates the document at one place.
   *
   * @param place the place, {@code 0 <= place < places()}
   * @param mutation what to do there
   * @return the mutated document's JSON
   */
  public String mutate(int place, Mutation mutation) {
    Objects.requireNonNull(mutation, "mutation");
    JsonNode copy = root.deepCopy();
    JsonPointer pointer = places.get(place);
    JsonNode parent = copy.at(pointer.head());
    String last = pointer.last().getMatchingProperty();
    int index = pointer.last().getMatchingIndex();
    if (parent instanceof ObjectNode object) {
      if (mutation == Mutation.DROP) {
        object.remove(last);
      } else {
        object.set(last, replacement(object.get(last), mutation));
      }
    } else if (parent instanceof ArrayNode array) {
      if (mutation == Mutation.DROP) {
        array.remove(index);
      } else {
        array.set(index, replacement(array.get(index), mutation));
      }
    }
    try {
      return JSON.writeValueAsString(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode replacement(JsonNode before, Mutation mutation) {
    return switch (mutation) {
      case DROP -> throw new IllegalArgumentException("DROP replaces nothing");
      case NULL -> NODES.nullNode();
      case EMPTY_OBJECT -> NODES.objectNode();
      case EMPTY_ARRAY -> NODES.arrayNode();
      case ARRAY_OF_OBJECT -> NODES.arrayNode().add(NODES.objectNode());
      case ZERO -> NODES.numberNode(0);
      case NEGATIVE -> NODES.numberNode(-1);
      case HUGE_NUMBER -> NODES.numberNode(new BigInteger("9".repeat(40)));
      case HUGE_DOUBLE -> NODES.numberNode(1e308);
      case BOOLEAN -> NODES.booleanNode(true);
      case EMPTY_STRING -> NODES.textNode("");
      case BLANK_STRING -> NODES.textNode(" \t ");
      case HUGE_STRING -> NODES.textNode(huge());
      case DEEP_NESTING -> deep();
      case LONE_SURROGATES -> NODES.textNode("a\uD800b\uDC00c\uDC00\uD800d\uD83D");
      case CONTROL_CHARACTERS -> NODES.textNode("\u0000\uFEFF\u202Eabc\u0007\r\n");
      case STRING_INSTEAD -> before != null && before.isTextual() && !before.asText().isEmpty()
          ? NODES.textNode(before.asText().charAt(0) + before.asText())
          : NODES.textNode(before == null ? "x" : before.toString());
    };
  }

  private static String huge() {
    StringBuilder b = new StringBuilder(100_000);
    String unit = "Gemeente é€ 😀 ";
    while (b.length() < 100_000 - unit.length()) {
      b.append(unit);
    }
    return b.toString();
  }

  private static JsonNode deep() {
    JsonNode node = NODES.textNode("bottom");
    for (int i = 0; i < 400; i++) {
      node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("d", node);
    }
    return node;
  }

  private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        JsonPointer child = at.appendProperty(field.getKey());
        out.add(child);
        collect(field.getValue(), child, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonPointer child = at.appendIndex(i);
        out.add(child);
        collect(node.get(i), child, out);
      }
    }
  }
}
