package org.webcare4j.core.internal.tone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.tone.AddressForm;
import org.webcare4j.core.tone.ChannelTone;
import org.webcare4j.core.tone.Findings;
import org.webcare4j.core.tone.InvalidToneProfileException;
import org.webcare4j.core.tone.Language;
import org.webcare4j.core.tone.Severity;
import org.webcare4j.core.tone.TextSpan;
import org.webcare4j.core.tone.ToneContext;
import org.webcare4j.core.tone.ToneProfile;
import org.webcare4j.core.tone.ToneRule;

/**
 * Reads a tone profile file (YAML or JSON) onto a profile builder, and builds the organisation's
 * own rules it declares: existence, substitution, occurrence and required, in the manner of the
 * Vale prose linter.
 *
 * <pre>
 * language: nl
 * rules: { FIRST_PERSON: OFF, PROMISE: BLOCK }
 * channels:
 *   EMAIL: { addressForm: U, signOff: "Met vriendelijke groet,\n{firstName}" }
 * cannedAnswers: { window: P7D, similarity: 0.8, minConversations: 2 }
 * readability: { minReadingEase: 55, maxSentenceWords: 20 }
 * organisation: { domains: [gemeente.nl], phoneNumbers: ["14 020"], ibans: [] }
 * ownRules:
 *   - { id: JARGON, type: existence, severity: WARN, message: "Vermijd '%s'.",
 *       tokens: [middels, conform], channels: [FACEBOOK, X] }
 * </pre>
 */
public final class ProfileReader {
  private static final ObjectMapper JSON = org.webcare4j.core.json.Json.mapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP = Set.of("language", "rules", "channels", "cannedAnswers",
      "readability", "organisation", "ownRules");

  private ProfileReader() {}

  /**
   * Reads a profile text onto a builder.
   *
   * @param content YAML or JSON
   * @param b the builder to change
   * @return the builder
   */
  public static ToneProfile.Builder read(String content, ToneProfile.Builder b) {
    JsonNode root;
    try {
      String t = content.stripLeading();
      root = (t.startsWith("{") ? JSON : YAML).readTree(content);
    } catch (JsonProcessingException e) {
      throw new InvalidToneProfileException("not valid YAML or JSON: "
          + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return b;
    }
    if (!root.isObject()) {
      throw new InvalidToneProfileException("a tone profile is a mapping at the top level");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        throw new InvalidToneProfileException("unknown setting '" + f + "'; known: " + TOP);
      }
    }
    try {
      if (root.has("language")) {
        b.language(Language.of(text(root, "language")));
      }
      JsonNode rules = root.path("rules");
      for (Map.Entry<String, JsonNode> e : rules.properties()) {
        String level = e.getValue().asText().toUpperCase(Locale.ROOT);
        if (level.equals("OFF") || level.equals("FALSE")) {
          b.disable(e.getKey());
        } else {
          b.severity(e.getKey(), severity(level, "rules." + e.getKey()));
        }
      }
      JsonNode channels = root.path("channels");
      for (Map.Entry<String, JsonNode> e : channels.properties()) {
        ChannelKind kind = enumOf(ChannelKind.class, e.getKey(), "channels");
        ChannelTone current = b.build().channel(kind);
        JsonNode c = e.getValue();
        b.channel(kind, new ChannelTone(
            c.has("addressForm")
                ? enumOf(AddressForm.class, c.get("addressForm").asText(), "addressForm")
                : current.addressForm(),
            c.has("signOff") ? c.get("signOff").asText() : current.signOff(),
            c.has("personal") ? c.get("personal").asBoolean() : current.personal()));
      }
      if (root.has("cannedAnswers")) {
        JsonNode c = root.get("cannedAnswers");
        ToneProfile now = b.build();
        b.cannedAnswers(
            c.has("window") ? duration(c.get("window").asText()) : now.cannedWindow(),
            c.path("similarity").asDouble(now.cannedSimilarity()),
            c.path("minConversations").asInt(now.cannedMinConversations()));
      }
      if (root.has("readability")) {
        JsonNode r = root.get("readability");
        ToneProfile now = b.build();
        b.readability(r.path("minReadingEase").asDouble(now.minReadingEase()),
            r.path("maxSentenceWords").asInt(now.maxSentenceWords()));
      }
      JsonNode org = root.path("organisation");
      org.path("domains").forEach(d -> b.organisationDomain(d.asText()));
      org.path("phoneNumbers").forEach(d -> b.organisationPhoneNumber(d.asText()));
      org.path("ibans").forEach(d -> b.organisationIban(d.asText()));
      int i = 0;
      for (JsonNode r : root.path("ownRules")) {
        b.rule(ownRule(r, "ownRules[" + i++ + "]"));
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidToneProfileException(e.getMessage());
    }
    return b;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isValueNode() || v.asText().isBlank()) {
      throw new InvalidToneProfileException("'" + field + "' needs a value");
    }
    return v.asText();
  }

  private static Severity severity(String s, String where) {
    return enumOf(Severity.class, s, where);
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String where) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidToneProfileException(where + ": '" + value + "' is not one of "
          + EnumSet.allOf(type));
    }
  }

  private static Duration duration(String s) {
    try {
      return Duration.parse(s.matches("(?i)p\\d+d") ? s.toUpperCase(Locale.ROOT) : s);
    } catch (DateTimeParseException e) {
      throw new InvalidToneProfileException("cannedAnswers.window: '" + s
          + "' is not an ISO-8601 duration such as P14D");
    }
  }

  private static List<String> strings(JsonNode n, String field, String where) {
    List<String> out = new ArrayList<>();
    n.path(field).forEach(v -> out.add(v.asText()));
    if (out.isEmpty()) {
      throw new InvalidToneProfileException(where + ": '" + field + "' lists at least one entry");
    }
    return out;
  }

  private static ToneRule ownRule(JsonNode r, String where) {
    String id = text(r, "id");
    if (!id.matches("[A-Z][A-Z0-9_]{0,63}")) {
      throw new InvalidToneProfileException(where + ": id '" + id + "' is not upper snake case");
    }
    String type = text(r, "type").toLowerCase(Locale.ROOT);
    Severity severity = r.has("severity") ? severity(r.get("severity").asText(), where)
        : Severity.WARN;
    String message = r.path("message").asText("");
    Set<ChannelKind> channels = EnumSet.noneOf(ChannelKind.class);
    r.path("channels").forEach(c -> channels.add(enumOf(ChannelKind.class, c.asText(), where)));
    Set<Direction> directions = EnumSet.of(Direction.OUTBOUND);
    if (r.has("direction")) {
      String d = r.get("direction").asText().toLowerCase(Locale.ROOT);
      directions = switch (d) {
        case "outbound" -> EnumSet.of(Direction.OUTBOUND);
        case "inbound" -> EnumSet.of(Direction.INBOUND);
        case "both" -> EnumSet.allOf(Direction.class);
        default -> throw new InvalidToneProfileException(
            where + ": direction is outbound, inbound or both, not '" + d + "'");
      };
    }
    try {
      return switch (type) {
        case "existence" -> new OwnRule(id, severity, channels, directions,
            message.isEmpty() ? "Vermijd '%s'." : message,
            PhraseMatcher.of(strings(r, "tokens", where)), Kind.EXISTENCE, 0, Map.of());
        case "substitution" -> {
          Map<String, String> swap = new LinkedHashMap<>();
          r.path("swap").properties().forEach(e -> swap.put(e.getKey(),
              e.getValue().asText()));
          if (swap.isEmpty()) {
            throw new InvalidToneProfileException(where + ": 'swap' maps at least one word");
          }
          yield substitution(id, severity, message.isEmpty() ? "Schrijf '%s' in plaats van '%s'."
              : message, swap, channels, directions);
        }
        case "occurrence" -> {
          if (!r.has("max") || !r.get("max").canConvertToInt() || r.get("max").asInt() < 0) {
            throw new InvalidToneProfileException(where + ": 'max' is a number, 0 or more");
          }
          yield new OwnRule(id, severity, channels, directions,
              message.isEmpty() ? "Te vaak: '%s'." : message,
              PhraseMatcher.of(strings(r, "tokens", where)), Kind.OCCURRENCE,
              r.get("max").asInt(), Map.of());
        }
        case "required" -> new OwnRule(id, severity, channels, directions,
            message.isEmpty() ? "Verplicht: een van %s." : message,
            PhraseMatcher.of(strings(r, "tokens", where)), Kind.REQUIRED, 0, Map.of());
        default -> throw new InvalidToneProfileException(where + ": type '" + type
            + "' is not existence, substitution, occurrence or required");
      };
    } catch (PatternSyntaxException e) {
      throw new InvalidToneProfileException(where + ": bad regular expression: "
          + e.getDescription());
    }
  }

  /**
   * Builds a substitution rule: each key phrase is replaced by its value, as a safe fix.
   *
   * @param id the rule id
   * @param severity its default severity
   * @param message the message, with {@code %s} for the replacement and the word found
   * @param swap found phrase to replacement
   * @param channels the channel kinds it applies to, empty for all
   * @return the rule
   */
  public static ToneRule substitution(String id, Severity severity, String message,
      Map<String, String> swap, Set<ChannelKind> channels) {
    return substitution(id, severity, message, swap, channels, EnumSet.of(Direction.OUTBOUND));
  }

  private static ToneRule substitution(String id, Severity severity, String message,
      Map<String, String> swap, Set<ChannelKind> channels, Set<Direction> directions) {
    Map<String, String> lower = new LinkedHashMap<>();
    swap.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new OwnRule(id, severity, channels, directions, message,
        PhraseMatcher.of(new ArrayList<>(swap.keySet())), Kind.SUBSTITUTION, 0, lower);
  }

  enum Kind {
    EXISTENCE, SUBSTITUTION, OCCURRENCE, REQUIRED
  }

  /** A rule from a profile file. */
  static final class OwnRule extends BuiltinRules.Rule {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private final Set<ChannelKind> channels;
    private final Set<Direction> directions;
    private final String message;
    private final PhraseMatcher matcher;
    private final Kind kind;
    private final int max;
    private final Map<String, String> swap;

    OwnRule(String id, Severity severity, Set<ChannelKind> channels, Set<Direction> directions,
        String message, PhraseMatcher matcher, Kind kind, int max, Map<String, String> swap) {
      super(id, severity);
      this.channels = channels.isEmpty() ? EnumSet.allOf(ChannelKind.class)
          : EnumSet.copyOf(channels);
      this.directions = EnumSet.copyOf(directions);
      this.message = message;
      this.matcher = matcher;
      this.kind = kind;
      this.max = max;
      this.swap = swap;
    }

    @Override
    public boolean appliesTo(ChannelKind kind, Direction direction) {
      return channels.contains(kind) && directions.contains(direction);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      String text = ctx.text();
      List<TextSpan> found = matcher.find(text);
      switch (kind) {
        case EXISTENCE -> found.forEach(s -> findings.add(s, format(message, s.of(text))));
        case OCCURRENCE -> {
          if (found.size() > max) {
            TextSpan s = found.get(max);
            findings.add(s, format(message, s.of(text)));
          }
        }
        case REQUIRED -> {
          if (found.isEmpty()) {
            findings.add(new TextSpan(0, text.length()),
                format(message, String.join(", ", matcher.phrases())));
          }
        }
        case SUBSTITUTION -> {
          for (TextSpan s : found) {
            String word = s.of(text);
            String key = SPACES.matcher(word.toLowerCase(Locale.ROOT)).replaceAll(" ");
            String replacement = swap.get(key);
            if (replacement == null) {
              continue;
            }
            if (Character.isUpperCase(word.charAt(0)) && !replacement.isEmpty()) {
              replacement = Character.toUpperCase(replacement.charAt(0))
                  + replacement.substring(1);
            }
            findings.fix(s, format(message, replacement, word), replacement);
          }
        }
        default -> throw new IllegalStateException();
      }
    }

    private static String format(String message, Object... args) {
      Matcher m = Pattern.compile("%s").matcher(message);
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(
            i < args.length ? String.valueOf(args[i]) : ""));
        i++;
      }
      m.appendTail(out);
      return out.toString();
    }

    @Override
    public String toString() {
      return id() + " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
    }
  }
}
