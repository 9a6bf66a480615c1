package org.webcare4j.core.tone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.rulebook.Rulebook;

/** The labelled test corpus in {@code src/test/resources/tone}; public for other modules' tests. */
public final class ToneCorpus {
  public static final AgentIdentity SANNE = new AgentIdentity("sanne.vos", "Sanne", "SV");
  public static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  public static final ToneProfile PROFILE = Rulebook.dutchMunicipality().toBuilder()
      .organisationIban("NL86 INGB 0002 4455 88")
      .build();

  /** One labelled text. */
  public record Case(String id, ToneRequest request, Set<String> expected) {
    @Override
    public String toString() {
      return id;
    }
  }

  private ToneCorpus() {}

  public static ChannelLimits limits(ChannelKind kind) {
    return switch (kind) {
      case X -> ChannelLimits.of(280, LengthCounter.xWeighted());
      case WHATSAPP -> ChannelLimits.of(4096, LengthCounter.utf16());
      case INSTAGRAM -> ChannelLimits.of(2200, LengthCounter.utf16());
      case LINKEDIN -> ChannelLimits.of(1250, LengthCounter.utf16());
      default -> ChannelLimits.of(8000, LengthCounter.utf16());
    };
  }

  public static List<Case> replies() {
    return read("/tone/replies.yaml", true);
  }

  public static List<Case> inbound() {
    return read("/tone/inbound.yaml", false);
  }

  /**
   * The held-out set whose figures count: the newest, written from TONE-RULES.md alone by a
   * writer who had seen neither the rules nor any other case, and never tuned on. Sets before it
   * were each scored once as the held-out set, then looked at and tuned on.
   */
  public static final int HELD_OUT = 10;

  /**
   * Replies of the held-out set {@link #HELD_OUT}.
   *
   * @return the held-out replies
   */
  public static List<Case> heldOutReplies() {
    return heldOutReplies(HELD_OUT);
  }

  /**
   * Inbound messages of the held-out set {@link #HELD_OUT}.
   *
   * @return the held-out inbound messages
   */
  public static List<Case> heldOutInbound() {
    return heldOutInbound(HELD_OUT);
  }

  /**
   * Replies of one held-out set; sets below {@link #HELD_OUT} are tuning material now.
   *
   * @param set 1 to {@link #HELD_OUT}
   * @return the set's replies
   */
  public static List<Case> heldOutReplies(int set) {
    return read(heldOutFile(set, "replies"), true);
  }

  /**
   * Inbound messages of one held-out set, as {@link #heldOutReplies(int)}.
   *
   * @param set 1 to {@link #HELD_OUT}
   * @return the set's inbound messages
   */
  public static List<Case> heldOutInbound(int set) {
    return read(heldOutFile(set, "inbound"), false);
  }

  private static String heldOutFile(int set, String kind) {
    if (set < 1 || set > HELD_OUT) {
      throw new IllegalArgumentException("no held-out set " + set);
    }
    return "/tone/heldout" + (set == 1 ? "" : String.valueOf(set)) + "-" + kind + ".yaml";
  }

  private static List<Case> read(String resource, boolean reply) {
    JsonNode root;
    try (InputStream in = ToneCorpus.class.getResourceAsStream(resource)) {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<Case> out = new ArrayList<>();
    for (JsonNode c : root) {
      ChannelKind kind = ChannelKind.valueOf(c.get("channel").asText());
      Visibility visibility = Visibility.valueOf(c.get("visibility").asText());
      String text = c.get("text").asText().strip();
      ToneRequest.Builder b = reply
          ? ToneRequest.reply(text, kind, visibility).agent(SANNE).limits(limits(kind))
          : ToneRequest.inbound(text, kind, visibility);
      b.at(NOW).conversation(ConversationId.of("c-" + c.get("id").asText()));
      if (c.has("inwoner")) {
        b.inwonerName(c.get("inwoner").asText());
      }
      List<String> theirs = new ArrayList<>();
      c.path("inwonerTexts").forEach(t -> theirs.add(t.asText()));
      b.inwonerTexts(theirs);
      List<RecentReply> recent = new ArrayList<>();
      c.path("recent").forEach(r -> recent.add(new RecentReply(
          ConversationId.of(r.get("conversation").asText()), r.get("text").asText(),
          NOW.minus(Duration.ofDays(1)))));
      b.recentReplies(recent);
      Set<String> expected = new LinkedHashSet<>();
      c.get("expect").forEach(e -> expected.add(e.asText()));
      out.add(new Case(c.get("id").asText(), b.build(), expected));
    }
    return out;
  }
}
