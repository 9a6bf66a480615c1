package org.webcare4j.core.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.PostRules;
import org.webcare4j.core.internal.text.Messages;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.publish.ChannelReport;
import org.webcare4j.core.publish.PublicationReport;
import org.webcare4j.core.tone.Finding;
import org.webcare4j.core.tone.Language;
import org.webcare4j.core.tone.Severity;
import org.webcare4j.core.tone.TextSpan;
import org.webcare4j.core.tone.ToneChecker;
import org.webcare4j.core.tone.ToneRequest;

/** Checks each channel's variant of a publication against the channel's post rules and tone. */
final class PublicationValidator {
  private final Map<ChannelId, Channel> channels;
  private final ToneChecker tone;

  PublicationValidator(Map<ChannelId, Channel> channels, ToneChecker tone) {
    this.channels = channels;
    this.tone = tone;
  }

  /** One channel's content, as the publication resolves it. */
  record Variant(ChannelId channel, String text, List<Attachment> media, Optional<String> link) {}

  PublicationReport validate(List<Variant> variants, Instant at) {
    Map<ChannelId, ChannelReport> reports = new LinkedHashMap<>();
    for (Variant v : variants) {
      reports.put(v.channel(), check(v, at));
    }
    return new PublicationReport(reports);
  }

  private ChannelReport check(Variant v, Instant at) {
    Language lang = tone.profile().language();
    List<Finding> found = new ArrayList<>();
    Channel channel = channels.get(v.channel());
    Optional<PostRules> maybeRules = Optional.ofNullable(channel)
        .filter(c -> c.supports(Capability.PUBLISHING))
        .flatMap(Channel::postRules);
    String name = v.channel().value();
    TextSpan all = new TextSpan(0, v.text().length());
    if (maybeRules.isEmpty()) {
      found.add(block("CHANNEL_UNAVAILABLE", all, Messages.get(lang.code(), "CHANNEL_UNAVAILABLE", name)));
      return new ChannelReport(v.channel(), v.text(), v.text().length(), 0, found);
    }
    PostRules rules = maybeRules.get();
    boolean linkInText = rules.links() == PostRules.LinkPlacement.IN_TEXT
        || rules.links() == PostRules.LinkPlacement.IN_TEXT_NOT_CLICKABLE;
    String out = v.link().filter(l -> linkInText)
        .map(l -> v.text().isBlank() ? l : v.text() + "\n" + l)
        .orElse(v.text());
    int length = rules.lengthCounter().count(out);

    if (v.text().isBlank() && v.link().isEmpty() && v.media().isEmpty()) {
      found.add(block("POST_EMPTY", all, Messages.get(lang.code(), "POST_EMPTY")));
    }
    if (length > rules.maxTextLength()) {
      found.add(block("POST_LENGTH", all, Messages.get(lang.code(), "POST_LENGTH", name, length,
          rules.maxTextLength(), rules.lengthCounter().description())));
    }
    checkMedia(v, rules, name, lang, all, found);
    v.link().ifPresent(link -> checkLink(link, rules, name, lang, all, found));

    if (!v.text().isBlank()) {
      found.addAll(tone.check(ToneRequest.post(v.text(), channel.kind()).at(at).build())
          .findings());
    }
    found.sort(Comparator.comparing(Finding::severity));
    return new ChannelReport(v.channel(), out, length, rules.maxTextLength(), found);
  }

  private static void checkMedia(Variant v, PostRules rules, String name, Language lang,
      TextSpan all, List<Finding> found) {
    if (v.media().size() > rules.maxMedia()) {
      found.add(block("MEDIA_COUNT", all, Messages.get(lang.code(), "MEDIA_COUNT", name,
          rules.maxMedia(), v.media().size())));
    }
    if (rules.mediaRequired() && v.media().isEmpty()) {
      found.add(block("MEDIA_REQUIRED", all, Messages.get(lang.code(), "MEDIA_REQUIRED", name)));
    }
    for (Attachment a : v.media()) {
      String kind = a.kind().name().toLowerCase(Locale.ROOT);
      if (!rules.accepts(a.kind())) {
        found.add(block("MEDIA_KIND", all, Messages.get(lang.code(), "MEDIA_KIND", name, kind)));
        continue;
      }
      Set<String> types = rules.mediaTypes().get(a.kind());
      if (!types.isEmpty()) {
        String accepted = String.join(", ", new java.util.TreeSet<>(types));
        if (a.mimeType().isEmpty()) {
          found.add(new Finding("MEDIA_TYPE", Severity.WARN, all,
              Messages.get(lang.code(), "MEDIA_TYPE_UNKNOWN", name, accepted), Optional.empty(),
              Optional.empty()));
        } else if (!types.contains(a.mimeType().get().toLowerCase(Locale.ROOT))) {
          found.add(block("MEDIA_TYPE", all, Messages.get(lang.code(), "MEDIA_TYPE", name,
              a.mimeType().get(), accepted)));
        }
      }
      if (a.sizeBytes().isPresent() && rules.maxBytes(a.kind()).isPresent()
          && a.sizeBytes().getAsLong() > rules.maxBytes(a.kind()).getAsLong()) {
        found.add(block("MEDIA_SIZE", all, Messages.get(lang.code(), "MEDIA_SIZE", name,
            a.sizeBytes().getAsLong(), rules.maxBytes(a.kind()).getAsLong())));
      }
      if (rules.mediaByUrl() && a.url().filter(u -> webAddress(u).isPresent()).isEmpty()) {
        found.add(block("MEDIA_URL", all, Messages.get(lang.code(), "MEDIA_URL", name)));
      }
    }
  }

  private static void checkLink(String link, PostRules rules, String name, Language lang,
      TextSpan all, List<Finding> found) {
    if (rules.links() == PostRules.LinkPlacement.NONE) {
      found.add(block("LINK", all, Messages.get(lang.code(), "LINK_NONE", name)));
      return;
    }
    Optional<String> scheme = webAddress(link);
    if (scheme.isEmpty()) {
      found.add(block("LINK", all, Messages.get(lang.code(), "LINK")));
      return;
    }
    if (scheme.get().equals("http")) {
      found.add(new Finding("LINK", Severity.WARN, all, Messages.get(lang.code(), "LINK_HTTP"),
          Optional.empty(), Optional.empty()));
    }
    if (rules.links() == PostRules.LinkPlacement.IN_TEXT_NOT_CLICKABLE) {
      found.add(new Finding("LINK_NOT_CLICKABLE", Severity.WARN, all,
          Messages.get(lang.code(), "LINK_NOT_CLICKABLE", name), Optional.empty(), Optional.empty()));
    }
  }

  /** Returns the scheme of an absolute http(s) address with a host, else empty. */
  private static Optional<String> webAddress(String address) {
    try {
      URI uri = new URI(address.strip());
      String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT))
          .orElse("");
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
          && uri.getHost().contains(".") && address.strip().equals(address)) {
        return Optional.of(scheme);
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Finding block(String rule, TextSpan span, String message) {
    return new Finding(rule, Severity.BLOCK, span, message, Optional.empty(), Optional.empty());
  }
}
