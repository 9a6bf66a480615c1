package org.webcare4j.core.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.channel.IngestResult;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.store.WebcareStore;

/** The {@link ChannelContext} handed to one channel. */
final class DefaultChannelContext implements ChannelContext {
  private final ChannelId channel;
  private final Ingestor ingestor;
  private final WebcareStore store;
  private final Clock clock;

  DefaultChannelContext(ChannelId channel, Ingestor ingestor, WebcareStore store, Clock clock) {
    this.channel = channel;
    this.ingestor = ingestor;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public IngestResult ingest(List<? extends InboundEvent> events, Map<String, String> cursors) {
    return ingestor.ingest(events, channel, cursors);
  }

  @Override
  public Optional<String> cursor(String name) {
    return store.inTransaction(tx -> tx.cursor(channel, name));
  }
}
