package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.json.PayloadJson;
import org.webcare4j.core.model.ChannelId;

/**
 * The envelope Page and Instagram webhooks share: {@code object}, then {@code entry[]} with
 * {@code changes[]} and {@code messaging[]}. Each entry, change and messaging item is read on its
 * own, so one that cannot be read costs only itself; entries for other accounts are left alone.
 */
final class GraphEntries {
  private GraphEntries() {}

  /** Reads one change of an entry; the entry's time is for items without a time of their own. */
  @FunctionalInterface
  interface ChangeReader {
    void read(JsonNode change, Instant entryTime, InboundBatch.Builder batch);
  }

  /**
   * Reads a verified body.
   *
   * @param body the raw body
   * @param object the {@code object} this channel takes, {@code page} or {@code instagram}
   * @param channel the channel
   * @param accountId the page's or Instagram account's id
   * @param threadPrefix the thread-id prefix of its direct conversations
   * @param receivedAt when it was received
   * @param changes reads a change
   * @return the events and the items that could not be read
   * @throws MalformedPayloadException when the body is not JSON or not this envelope
   */
  static InboundBatch read(byte[] body, String object, ChannelId channel, String accountId,
      String threadPrefix, Instant receivedAt, ChangeReader changes) {
    JsonNode root = PayloadJson.object(body);
    String actual = PayloadJson.text(root, "object", "the body");
    if (!actual.equals(object)) {
      throw new MalformedPayloadException("not a" + (object.equals("page") ? " page" : "n "
          + object) + " webhook: object is " + actual);
    }
    InboundBatch.Builder batch = InboundBatch.builder(channel, receivedAt);
    List<JsonNode> entries = PayloadJson.requiredArray(root, "entry", "the body");
    for (int e = 0; e < entries.size(); e++) {
      JsonNode entry = entries.get(e);
      String where = "entry[" + e + "]";
      batch.item(where, entry::toString, () -> {
        if (!accountId.equals(entry.path("id").asText())) {
          return;
        }
        Instant time = DirectMessages.entryTime(entry, receivedAt);
        List<JsonNode> list = PayloadJson.array(entry, "changes", where);
        for (int c = 0; c < list.size(); c++) {
          JsonNode change = list.get(c);
          batch.item(where + ".changes[" + c + "]", change::toString,
              () -> changes.read(change, time, batch));
        }
        List<JsonNode> messaging = PayloadJson.array(entry, "messaging", where);
        for (int i = 0; i < messaging.size(); i++) {
          JsonNode m = messaging.get(i);
          batch.item(where + ".messaging[" + i + "]", m::toString,
              () -> DirectMessages.parse(channel, accountId, threadPrefix, m, time, batch));
        }
      });
    }
    return batch.build();
  }
}
