package org.webcare4j.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.webcare4j.core.model.ChannelId;

/**
 * What one verified delivery or one polled page held: the events read from it, in the
 * platform's order, and the items that could not be read. A channel reads each item of a
 * delivery on its own ({@link Builder#item}), so one unreadable item never costs the others.
 *
 * @param events the events, in the platform's order
 * @param unreadable the items that could not be read
 */
public record InboundBatch(List<InboundEvent> events, List<UnreadableItem> unreadable) {

  public InboundBatch {
    events = List.copyOf(events);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * Returns a batch of events that were all read.
   *
   * @param events the events
   * @return the batch
   */
  public static InboundBatch of(List<? extends InboundEvent> events) {
    return new InboundBatch(List.copyOf(events), List.of());
  }

  /**
   * Starts reading a delivery.
   *
   * @param channel the channel it came in on
   * @param receivedAt when it was received
   * @return a builder
   */
  public static Builder builder(ChannelId channel, Instant receivedAt) {
    return new Builder(channel, receivedAt);
  }

  /** Collects the events and unreadable items of one delivery. Not thread-safe. */
  public static final class Builder {
    private final ChannelId channel;
    private final Instant receivedAt;
    private final List<InboundEvent> events = new ArrayList<>();
    private final List<UnreadableItem> unreadable = new ArrayList<>();

    private Builder(ChannelId channel, Instant receivedAt) {
      this.channel = Objects.requireNonNull(channel, "channel");
      this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * Adds an event read from the delivery.
     *
     * @param event the event
     * @return this builder
     */
    public Builder add(InboundEvent event) {
      events.add(Objects.requireNonNull(event, "event"));
      return this;
    }

    /**
     * Adds everything another batch holds, such as the next page of a polled timeline.
     *
     * @param other the batch
     * @return this builder
     */
    public Builder addAll(InboundBatch other) {
      events.addAll(other.events());
      unreadable.addAll(other.unreadable());
      return this;
    }

    /**
     * Adds an item that could not be read, as found by another batch.
     *
     * @param item the item
     * @return this builder
     */
    public Builder unreadable(UnreadableItem item) {
      unreadable.add(Objects.requireNonNull(item, "item"));
      return this;
    }

    /**
     * Reads one item: runs {@code read}, which {@link #add adds} the item's events. When it
     * throws, whatever it added is taken back and the item is kept as an {@link UnreadableItem}
     * instead; items may nest (an entry and its messages), and an inner item that fails costs
     * only itself.
     *
     * @param location where the item is in the delivery, for people and logs
     * @param json the item's JSON, asked for only when the item cannot be read
     * @param read reads the item
     * @return this builder
     */
    public Builder item(String location, Supplier<String> json, Runnable read) {
      int eventsBefore = events.size();
      int unreadableBefore = unreadable.size();
      try {
        read.run();
      } catch (RuntimeException e) {
        events.subList(eventsBefore, events.size()).clear();
        unreadable.subList(unreadableBefore, unreadable.size()).clear();
        unreadable(location, reason(e), json.get());
      }
      return this;
    }

    /**
     * Keeps an item that could not be read.
     *
     * @param location where the item is in the delivery
     * @param reason why, naming the field and never its content
     * @param json the item's JSON as received
     * @return this builder
     */
    public Builder unreadable(String location, String reason, String json) {
      unreadable.add(new UnreadableItem(channel, location, reason, json, receivedAt));
      return this;
    }

    /**
     * Returns when the delivery was received: the time for items that carry none.
     *
     * @return the time given to {@link InboundBatch#builder}
     */
    public Instant receivedAt() {
      return receivedAt;
    }

    /**
     * Returns the events read so far.
     *
     * @return a snapshot of the events
     */
    public List<InboundEvent> events() {
      return List.copyOf(events);
    }

    /**
     * Builds the batch.
     *
     * @return what the delivery held
     */
    public InboundBatch build() {
      return new InboundBatch(events, unreadable);
    }

    private static String reason(RuntimeException e) {
      // The library's parsers name the field, never its content (MalformedPayloadException).
      String type = e.getClass().getSimpleName();
      String message = e.getMessage();
      String reason = message == null || message.isBlank() ? type : type + ": " + message;
      return reason.length() <= 300 ? reason : reason.substring(0, 300) + "…";
    }
  }
}
