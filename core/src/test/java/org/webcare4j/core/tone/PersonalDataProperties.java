package org.webcare4j.core.tone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twitter.twittertext.TwitterTextParser;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.iban4j.IbanUtil;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.internal.tone.PersonalData;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.rulebook.Rulebook;

/**
 * Properties of the personal-data detectors and of X length counting: a valid BSN or IBAN
 * embedded in any text is found; one with a digit off (failing its checksum) is not; the X
 * counter agrees with twitter-text.
 */
class PersonalDataProperties {
  private static final ToneChecker CHECKER = ToneChecker.of(Rulebook.dutchMunicipality());

  /** Text around the number: letters, punctuation, spaces, emoji, but no digits to merge with. */
  @Provide
  Arbitrary<String> prose() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéëïüÉ .,;:!?()'\"\n-")
        .withChars("🙂€")
        .ofMaxLength(80);
  }

  @Provide
  Arbitrary<String> validBsn() {
    return Arbitraries.strings().numeric().ofLength(8).map(eight -> {
      // choose the ninth digit so the elfproef holds; skip prefixes where none fits
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        sum += (eight.charAt(i) - '0') * (9 - i);
      }
      int last = sum % 11;
      return last < 10 ? eight + last : null;
    }).filter(s -> s != null && !s.equals("000000000"));
  }

  @Provide
  Arbitrary<String> validIban() {
    Arbitrary<String> nl = Combinators.combine(
        Arbitraries.strings().withCharRange('A', 'Z').ofLength(4),
        Arbitraries.strings().numeric().ofLength(10)).as((bank, account) -> "NL" + bank + account);
    Arbitrary<String> de = Arbitraries.strings().numeric().ofLength(18).map(d -> "DE" + d);
    Arbitrary<String> be = Arbitraries.strings().numeric().ofLength(12).map(d -> "BE" + d);
    return Arbitraries.oneOf(nl, de, be).map(cb -> {
      String country = cb.substring(0, 2);
      String bban = cb.substring(2);
      String check = IbanUtil.calculateCheckDigit(country + "00" + bban);
      return country + check + bban;
    }).filter(IbanUtil::isValid);
  }

  private static boolean otherReading(String before) {
    // a word within 30 characters before the number that gives it another reading than a BSN
    // (zaaknummer, tel, ...), as the detector documents
    String near = (before + " ").substring(Math.max(0, before.length() + 1 - 30));
    return near.toLowerCase(Locale.ROOT).matches(
        "(?s).*(?<!\\p{L})(zaak\\p{L}*|order\\p{L}*|kenmerk|referentie\\p{L}*|dossier\\p{L}*"
            + "|factuur\\p{L}*|klantnummer|ticket\\p{L}*|melding\\p{L}*|aanslag\\p{L}*|kvk\\p{L}*"
            + "|vergunning\\p{L}*|bestel\\p{L}*|pakket\\p{L}*|track\\p{L}*|reference|case"
            + "|invoice|account|tel|telefoon\\p{L}*|bel|postbus|nr)(?!\\p{L}).*");
  }

  private static List<PersonalData.Item> find(String text) {
    return PersonalData.find(text, Rulebook.dutchMunicipality(), false);
  }

  @Property
  void validBsnAnywhereIsFound(@ForAll("prose") String before, @ForAll("validBsn") String bsn,
      @ForAll("prose") String after) {
    Assume.that(!otherReading(before));
    String text = before + " " + bsn + " " + after;
    assertTrue(find(text).stream().anyMatch(i -> i.kind() == PersonalData.Kind.BSN
        && i.value().equals(bsn)), text);
    ToneReport report = CHECKER.check(
        ToneRequest.reply(text, ChannelKind.FACEBOOK, Visibility.PUBLIC).build());
    assertTrue(report.has("PRIVACY_IN_PUBLIC") && !report.sendable(), text);
  }

  @Property
  void bsnWithOneDigitOffIsNotABsn(@ForAll("prose") String before,
      @ForAll("validBsn") String bsn, @ForAll("prose") String after) {
    // Changing one digit by one always breaks the elfproef: its weight (1 to 9) is not a
    // multiple of 11.
    int at = bsn.length() - 1 - (Math.abs(before.hashCode()) % 9);
    char d = bsn.charAt(at);
    char changed = (char) (d == '9' ? '8' : d + 1);
    String wrong = bsn.substring(0, at) + changed + bsn.substring(at + 1);
    assertFalse(PersonalData.elfproef(wrong), wrong);
    String text = before + " BSN " + wrong + " " + after;
    assertTrue(find(text).stream().noneMatch(i -> i.kind() == PersonalData.Kind.BSN), text);
  }

  @Property
  void validIbanAnywhereIsFound(@ForAll("prose") String before,
      @ForAll("validIban") String iban, @ForAll("prose") String after) {
    String text = before + " " + iban + " " + after;
    assertTrue(find(text).stream().anyMatch(i -> i.kind() == PersonalData.Kind.IBAN
        && i.value().equals(iban)), text);
  }

  @Property
  void ibanWithOneDigitOffIsNotFound(@ForAll("prose") String before,
      @ForAll("validIban") String iban, @ForAll("prose") String after) {
    // mod 97 catches every single-digit change
    int at = iban.length() - 1;
    while (!Character.isDigit(iban.charAt(at))) {
      at--;
    }
    char d = iban.charAt(at);
    String wrong = iban.substring(0, at) + (char) (d == '9' ? '0' : d + 1)
        + iban.substring(at + 1);
    String text = before + " " + wrong + " " + after;
    assertTrue(find(text).stream().noneMatch(i -> i.kind() == PersonalData.Kind.IBAN), text);
  }

  @Property
  void ibanWrittenInGroupsOfFourIsFound(@ForAll("validIban") String iban) {
    String grouped = iban.replaceAll("(.{4})", "$1 ").strip();
    String text = "Stort het terug op " + grouped + " graag.";
    assertTrue(find(text).stream().anyMatch(i -> i.kind() == PersonalData.Kind.IBAN
        && i.value().equals(iban)), text);
  }

  @Property
  void xLengthMatchesTwitterText(@ForAll String text) {
    assertEquals(TwitterTextParser.parseTweet(text).weightedLength,
        LengthCounter.xWeighted().count(text));
  }

  @Provide
  Arbitrary<String> tweetish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.of("https://www.gemeente.nl/parkeren/vergunning", "www.example.com",
            "🇳🇱", "👩‍👩‍👧", "日本語", "é", "e\u0301", "#WOZ", "@gemeente", " "))
        .list().ofMaxSize(20).map(parts -> String.join(" ", parts));
  }

  @Property
  void lengthRuleBlocksExactlyWhenTwitterTextSaysTooLong(@ForAll("tweetish") String text) {
    int weighted = TwitterTextParser.parseTweet(text).weightedLength;
    ToneReport report = CHECKER.check(ToneRequest.reply(text, ChannelKind.X, Visibility.PUBLIC)
        .limits(org.webcare4j.core.channel.ChannelLimits.of(280, LengthCounter.xWeighted()))
        .build());
    assertEquals(weighted > 280, report.has("LENGTH"), text);
  }
}
