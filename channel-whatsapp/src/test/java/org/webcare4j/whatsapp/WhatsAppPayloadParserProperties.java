package org.webcare4j.whatsapp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.webcare4j.core.MalformedPayloadException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.whatsapp.internal.WhatsAppPayloadParser;

/** Whatever arrives, the parser answers with events or a {@link MalformedPayloadException}. */
class WhatsAppPayloadParserProperties {
  private static final List<String> FIXTURES = List.of("text.json", "image.json",
      "location.json", "contacts.json", "interactive-list-reply.json", "reaction.json",
      "status-failed.json", "batch-multi-entry.json", "unsupported.json");
  private final WhatsAppPayloadParser parser =
      new WhatsAppPayloadParser(ChannelId.of("whatsapp-main"), "106540352242922");

  private void parseTyped(byte[] body) {
    try {
      parser.parse(body);
    } catch (MalformedPayloadException expected) {
      // the only exception allowed
    }
  }

  @Property(tries = 500)
  void arbitraryBytesNeverEscapeAsAnotherException(@ForAll byte[] body) {
    parseTyped(body);
  }

  @Provide
  Arbitrary<String> fixtures() {
    return Arbitraries.of(FIXTURES);
  }

  @Provide
  Arbitrary<String> replacements() {
    return Arbitraries.of("null", "{}", "[]", "\"\"", "0", "-1", "1e400", "true",
        "\"\\u0000\"", "[{}]", "{\"a\":[null]}", "99999999999999999999999", "\"x\"");
  }

  /** Replaces one JSON value of a documented payload with something of another shape. */
  @Property(tries = 2000)
  void mutatedDocumentedPayloadsNeverEscapeAsAnotherException(
      @ForAll("fixtures") String fixture,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll("replacements") String replacement) {
    String json = new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
    int colon = json.indexOf(':', position % json.length());
    if (colon < 0) {
      colon = json.indexOf(':');
    }
    int end = colon + 1;
    int depth = 0;
    boolean inString = false;
    while (end < json.length()) {
      char c = json.charAt(end);
      if (inString) {
        if (c == '\\') {
          end++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
      end++;
    }
    String mutated = json.substring(0, colon + 1) + replacement + json.substring(end);
    parseTyped(mutated.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void truncatedDocumentedPayloadsNeverEscapeAsAnotherException(
      @ForAll("fixtures") String fixture, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
    byte[] full = Fixtures.bytes(fixture);
    byte[] truncated = java.util.Arrays.copyOf(full, cut % full.length);
    parseTyped(truncated);
  }
}
