package org.webcare4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.webcare4j.testkit.PayloadMutations.Mutation;

class PayloadMutationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOC = "{\"id\":\"m1\",\"from\":{\"id\":\"42\",\"name\":\"Jan\"},"
      + "\"items\":[\"a\",\"b\"]}";

  private static JsonNode read(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void namesEveryValueBelowTheRootAsAPlace() {
    PayloadMutations m = PayloadMutations.of(DOC);
    assertEquals(7, m.places());
    assertEquals("/from/name", m.pointer(3));
    assertEquals("/items/1", m.pointer(6));
  }

  @Test
  void changesOnlyThePlaceItIsGiven() throws Exception {
    PayloadMutations m = PayloadMutations.of(DOC);
    JsonNode dropped = read(m.mutate(3, Mutation.DROP));
    assertFalse(dropped.path("from").has("name"));
    assertEquals("42", dropped.path("from").path("id").asText());
    assertEquals(1, read(m.mutate(6, Mutation.DROP)).path("items").size());
    assertTrue(read(m.mutate(0, Mutation.NULL)).get("id").isNull());
    assertTrue(read(m.mutate(1, Mutation.EMPTY_ARRAY)).get("from").isArray());
    assertEquals(DOC, JSON.writeValueAsString(read(DOC)), "the original is left alone");
  }

  @Test
  void writesLoneSurrogatesAsJsonEscapesSoTheyReachTheParser() throws Exception {
    String mutated = PayloadMutations.of(DOC).mutate(0, Mutation.LONE_SURROGATES);
    assertTrue(mutated.contains("\\uD800") || mutated.contains("\\ud800"), mutated);
    String text = read(mutated).get("id").asText();
    assertEquals('\uD800', text.charAt(1));
  }

  @Test
  void hugeAndDeepValuesAreWhatTheySay() throws Exception {
    PayloadMutations m = PayloadMutations.of(DOC);
    assertTrue(read(m.mutate(0, Mutation.HUGE_STRING)).get("id").asText().length() > 99_000);
    JsonNode deep = read(m.mutate(0, Mutation.DEEP_NESTING)).get("id");
    int depth = 0;
    while (deep.isContainerNode()) {
      deep = deep.isArray() ? deep.get(0) : deep.get("d");
      depth++;
    }
    assertEquals(400, depth);
    assertNotEquals(DOC, m.mutate(0, Mutation.STRING_INSTEAD));
  }
}
