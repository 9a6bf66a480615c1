package org.webcare4j.core.rulebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.internal.tone.BuiltinRules;
import org.webcare4j.core.internal.tone.ProfileReader;
import org.webcare4j.core.tone.AddressForm;
import org.webcare4j.core.tone.ChannelTone;
import org.webcare4j.core.tone.InvalidToneProfileException;
import org.webcare4j.core.tone.Severity;
import org.webcare4j.core.tone.ToneProfile;
import org.webcare4j.core.tone.ToneRule;

/**
 * The webcare rulebook that ships with webcare4j: its built-in rules and the profile of a Dutch
 * municipality, the starting point of every organisation's own profile.
 *
 * <pre>{@code
 * ToneProfile profile = Rulebook.load(Path.of("tone-profile.yaml"));
 * ToneChecker checker = ToneChecker.of(profile);
 * }</pre>
 */
public final class Rulebook {
  private static final ToneProfile DUTCH_MUNICIPALITY = defaults().build();

  private Rulebook() {}

  /**
   * Returns the built-in rules, each at its default severity: the rule table of the rulebook.
   *
   * @return the rules, in the order they run
   */
  public static List<ToneRule> rules() {
    return BuiltinRules.all();
  }

  /**
   * Returns the built-in profile for a Dutch municipality: the built-in rules; Dutch messages;
   * jij-vorm and a "^Name" sign-off on social channels ("^initials" on X); u-vorm and "Met
   * vriendelijke groet" on e-mail; u-vorm and no sign-off in the website chat; canned answers at
   * 80 % similarity to replies in two other conversations within 14 days; B1 readability
   * (Flesch-Douma 60, at most 20 words a sentence); and the house-style swap "burger" to
   * "inwoner".
   *
   * @return the profile
   */
  public static ToneProfile dutchMunicipality() {
    return DUTCH_MUNICIPALITY;
  }

  /**
   * Reads a profile file, YAML or JSON; its settings go on top of {@link #dutchMunicipality()}.
   *
   * @param file the file
   * @return the profile
   * @throws InvalidToneProfileException when the file is not a valid profile
   * @throws UncheckedIOException when it cannot be read
   */
  public static ToneProfile load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tone profile " + file, e);
    }
  }

  /**
   * Reads a profile from text, YAML or JSON; its settings go on top of {@link
   * #dutchMunicipality()}.
   *
   * @param content the profile
   * @return the profile
   * @throws InvalidToneProfileException when the text is not a valid profile
   */
  public static ToneProfile parse(String content) {
    return ProfileReader.read(content, DUTCH_MUNICIPALITY.toBuilder()).build();
  }

  private static ToneProfile.Builder defaults() {
    ToneProfile.Builder b = ToneProfile.builder();
    for (ToneRule rule : BuiltinRules.all()) {
      b.rule(rule);
    }
    for (ChannelKind k : ChannelKind.values()) {
      b.channel(k, new ChannelTone(AddressForm.JIJ, "^{firstName}", true));
    }
    b.channel(ChannelKind.X, new ChannelTone(AddressForm.JIJ, "^{initials}", true));
    b.channel(ChannelKind.EMAIL,
        new ChannelTone(AddressForm.U, "Met vriendelijke groet,\n{firstName}", true));
    b.channel(ChannelKind.WEBCHAT, new ChannelTone(AddressForm.U, "", true));
    b.rule(ProfileReader.substitution("HOUSE_STYLE", Severity.WARN,
        "Schrijf '%s' in plaats van '%s'.",
        Map.of("burger", "inwoner", "burgers", "inwoners", "aanvraagformulier", "formulier"),
        Set.of()));
    return b;
  }
}
