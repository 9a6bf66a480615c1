package org.webcare4j.core.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration webcare4j reads and writes platform JSON with, so that every
 * channel treats untrusted bodies alike: nesting at most 1,000 deep, numbers at most 1,000 digits
 * and strings at most 5 MiB (a body built to exhaust the parser fails fast, as a malformed
 * payload, while one odd item deep inside an otherwise good delivery is still read so that only
 * that item is set aside), no comments or other non-standard JSON, and unknown fields ignored,
 * since platforms add fields without notice.
 */
public final class Json {
  private static final JsonMapper SHARED = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .build();

  static {
    SHARED.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(1000)
        .maxStringLength(5 << 20)
        .maxNumberLength(1000)
        .build());
  }

  private Json() {}

  /**
   * Returns a mapper with the shared configuration. Each call gives a copy of its own, so a
   * caller that changes its mapper changes nobody else's; hold it in a constant.
   *
   * @return a mapper
   */
  public static ObjectMapper mapper() {
    return SHARED.copy();
  }
}
