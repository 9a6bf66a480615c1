package org.webcare4j.core.model;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A post for one or more channels: base content, per-channel variants, a schedule, and a result
 * per channel.
 *
 * @param id webcare4j's id
 * @param author the user id of the person who wrote it
 * @param text the base text
 * @param media the base media
 * @param link the base link, if any
 * @param variants per-channel replacements of the base content
 * @param results the result per target channel; its keys are the channels to publish on
 * @param scheduledFor when to publish, in the zone the planner chose; empty for a draft
 * @param state where it stands in the workflow
 * @param createdAt when it was created
 * @param version the store's optimistic-locking version
 */
public record Publication(
    PublicationId id,
    String author,
    String text,
    List<Attachment> media,
    Optional<String> link,
    Map<ChannelId, PublicationVariant> variants,
    Map<ChannelId, ChannelPublication> results,
    Optional<ZonedDateTime> scheduledFor,
    PublicationState state,
    Instant createdAt,
    long version) {

  public Publication {
    Objects.requireNonNull(id, "id");
    Ids.requireValid(author, "author");
    Objects.requireNonNull(text, "text");
    media = List.copyOf(media);
    Objects.requireNonNull(link, "link");
    variants = Map.copyOf(variants);
    results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a publication targets at least one channel");
    }
    for (ChannelId variantChannel : variants.keySet()) {
      if (!results.containsKey(variantChannel)) {
        throw new IllegalArgumentException(
            "variant for channel " + variantChannel + " which the publication does not target");
      }
    }
  }

  /**
   * Returns the text to publish on a channel: its variant's text, else the base text.
   *
   * @param channel a target channel
   * @return the text for that channel
   */
  public String textFor(ChannelId channel) {
    return Optional.ofNullable(variants.get(channel)).flatMap(PublicationVariant::text).orElse(text);
  }

  /**
   * Returns the media to publish on a channel: its variant's media, else the base media.
   *
   * @param channel a target channel
   * @return the media for that channel
   */
  public List<Attachment> mediaFor(ChannelId channel) {
    return Optional.ofNullable(variants.get(channel))
        .flatMap(PublicationVariant::media)
        .orElse(media);
  }

  /**
   * Returns the link to publish on a channel: its variant's link, else the base link.
   *
   * @param channel a target channel
   * @return the link for that channel, if any
   */
  public Optional<String> linkFor(ChannelId channel) {
    return Optional.ofNullable(variants.get(channel))
        .flatMap(PublicationVariant::link)
        .or(() -> link);
  }

  /**
   * Returns a copy at another store version; stores set this, callers leave it alone.
   *
   * @param version the version
   * @return the copy
   */
  public Publication withVersion(long version) {
    return new Publication(id, author, text, media, link, variants, results, scheduledFor, state,
        createdAt, version);
  }

  /**
   * Returns a copy in another workflow state; the publishing workflow sets this.
   *
   * @param next the state
   * @return the copy
   */
  public Publication withState(PublicationState next) {
    return new Publication(id, author, text, media, link, variants, results, scheduledFor, next,
        createdAt, version);
  }

  /**
   * Returns a copy scheduled at another moment; the publishing workflow sets this.
   *
   * @param at when to publish
   * @return the copy
   */
  public Publication withSchedule(ZonedDateTime at) {
    return new Publication(id, author, text, media, link, variants, results,
        Optional.of(at), state, createdAt, version);
  }

  /**
   * Returns a copy with one channel's result replaced, and the state following the results: all
   * published is {@code PUBLISHED}, any failed with none pending is {@code FAILED}.
   *
   * @param result the channel's new result
   * @return the copy
   */
  public Publication withResult(ChannelPublication result) {
    if (!results.containsKey(result.channel())) {
      throw new IllegalArgumentException("the publication does not target " + result.channel());
    }
    Map<ChannelId, ChannelPublication> all = new LinkedHashMap<>(results);
    all.put(result.channel(), result);
    boolean pending = all.values().stream()
        .anyMatch(r -> r.status() == ChannelPublication.Status.PENDING);
    boolean failed = all.values().stream()
        .anyMatch(r -> r.status() == ChannelPublication.Status.FAILED);
    PublicationState next = pending ? state
        : failed ? PublicationState.FAILED : PublicationState.PUBLISHED;
    return new Publication(id, author, text, media, link, variants, all, scheduledFor, next,
        createdAt, version);
  }
}
