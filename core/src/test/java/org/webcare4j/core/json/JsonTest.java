package org.webcare4j.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.MalformedPayloadException;

class JsonTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBodyBuiltToExhaustTheParserIsAMalformedPayload() {
    // one odd item deep inside a good delivery is still read, so only that item is set aside
    assertEquals(2, PayloadJson.object(bytes("{\"a\":" + "[".repeat(400) + "]".repeat(400)
        + ",\"n\":" + "9".repeat(200) + "}")).size());
    assertThrows(MalformedPayloadException.class, () -> PayloadJson.object(bytes("{\"a\":"
        + "[".repeat(1100) + "]".repeat(1100) + "}")));
    assertThrows(MalformedPayloadException.class, () -> PayloadJson.object(bytes("{\"n\":"
        + "9".repeat(1100) + "}")));
    assertThrows(MalformedPayloadException.class,
        () -> PayloadJson.object(bytes("{\"s\":\"" + "x".repeat((5 << 20) + 1) + "\"}")));
    assertThrows(MalformedPayloadException.class,
        () -> PayloadJson.object(bytes("{/* a comment */ \"a\": 1}")));
  }

  @Test
  void everyCallerGetsAMapperOfItsOwn() {
    ObjectMapper one = Json.mapper();
    ObjectMapper two = Json.mapper();
    assertNotSame(one, two);
    assertFalse(one.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    one.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    assertFalse(two.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    assertFalse(Json.mapper().isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
  }
}
