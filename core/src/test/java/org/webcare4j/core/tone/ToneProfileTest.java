package org.webcare4j.core.tone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.rulebook.Rulebook;

/** Profiles from YAML and JSON, the organisation's own rules, and clear errors for bad files. */
class ToneProfileTest {
  private static final String YAML = """
      language: en
      rules:
        FIRST_PERSON: off
        PROMISE: block
      channels:
        FACEBOOK: { addressForm: U, signOff: "Groet, {firstName}" }
      cannedAnswers: { window: P7D, similarity: 0.9, minConversations: 3 }
      readability: { minReadingEase: 50, maxSentenceWords: 25 }
      organisation:
        domains: [gemeente-utrecht.nl]
        phoneNumbers: ["030 286 0000"]
      ownRules:
        - id: JARGON
          type: existence
          message: "Geen ambtelijke taal: '%s'."
          tokens: [middels, conform, ten behoeve van]
        - id: WE_SAY_INWONER
          type: substitution
          severity: warn
          swap: { burgers: inwoners, "de burger": de inwoner }
          channels: [FACEBOOK]
        - id: ONE_EXCLAMATION
          type: occurrence
          severity: info
          tokens: ["!"]
          max: 1
        - id: MENTION_DIGID
          type: required
          tokens: [DigiD]
          channels: [EMAIL]
      """;

  private static ToneReport check(ToneProfile p, String text, ChannelKind kind) {
    return ToneChecker.of(p).check(ToneRequest.reply(text, kind, Visibility.PUBLIC)
        .agent(ToneCorpus.SANNE).build());
  }

  @Test
  void readsEverySettingFromYaml() {
    ToneProfile p = Rulebook.parse(YAML);
    assertEquals(Language.ENGLISH, p.language());
    assertTrue(p.disabledRules().contains("FIRST_PERSON"));
    assertEquals(Severity.BLOCK, p.severities().get("PROMISE"));
    assertEquals(new ChannelTone(AddressForm.U, "Groet, {firstName}", true),
        p.channel(ChannelKind.FACEBOOK));
    assertEquals(Rulebook.dutchMunicipality().channel(ChannelKind.X),
        p.channel(ChannelKind.X), "channels not named keep the built-in style");
    assertEquals(Duration.ofDays(7), p.cannedWindow());
    assertEquals(0.9, p.cannedSimilarity());
    assertEquals(3, p.cannedMinConversations());
    assertEquals(25, p.maxSentenceWords());
    assertTrue(p.organisationDomains().contains("gemeente-utrecht.nl"));
    List<String> builtIn = Rulebook.rules().stream().map(ToneRule::id).toList();
    assertEquals(builtIn, p.rules().stream().map(ToneRule::id).limit(builtIn.size()).toList(),
        "the built-in rules come first");
    assertEquals(List.of("HOUSE_STYLE", "JARGON", "WE_SAY_INWONER", "ONE_EXCLAMATION",
        "MENTION_DIGID"), p.rules().stream().map(ToneRule::id).skip(builtIn.size()).toList());
  }

  @Test
  void readsTheSameProfileFromJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("profiel.json");
    Files.writeString(file, """
        {"rules": {"PROMISE": "BLOCK"},
         "ownRules": [{"id": "JARGON", "type": "existence", "tokens": ["middels"]}]}
        """);
    ToneProfile p = Rulebook.load(file);
    assertEquals(Severity.BLOCK, p.severities().get("PROMISE"));
    ToneReport r = check(p, "Hoi Jan, middels dit bericht beloof ik niets.\n^Sanne",
        ChannelKind.FACEBOOK);
    assertEquals("middels", r.findings("JARGON").get(0).span().of(r.text()));
    assertEquals(Severity.WARN, r.findings("JARGON").get(0).severity());
  }

  @Test
  void ownRulesRunThroughTheSameEngine() {
    ToneProfile p = Rulebook.parse(YAML);
    String text = "Hoi Jan, conform de regels mogen Burgers hier parkeren! Echt! ^SV";
    ToneReport r = check(p, text, ChannelKind.FACEBOOK);
    assertEquals("conform", r.findings("JARGON").get(0).span().of(text));
    assertEquals("Geen ambtelijke taal: 'conform'.", r.findings("JARGON").get(0).message());
    Finding swap = r.findings("WE_SAY_INWONER").get(0);
    assertEquals(Optional.of("Inwoners"), swap.replacement(), "keeps the capital");
    assertTrue(r.fixedText().orElseThrow().contains("mogen Inwoners hier"));
    assertEquals(1, r.findings("ONE_EXCLAMATION").size());
    assertFalse(r.has("MENTION_DIGID"), "only on e-mail");
    assertFalse(check(p, text, ChannelKind.X).has("WE_SAY_INWONER"), "only on Facebook");
    assertTrue(check(p, "Beste heer, u krijgt een brief.", ChannelKind.EMAIL)
        .has("MENTION_DIGID"));
    assertFalse(check(p, text, ChannelKind.FACEBOOK).has("FIRST_PERSON"), "turned off");
  }

  @Test
  void ruleFromCodeGetsTheProfilesSeverity() {
    ToneRule noEmoji = new ToneRule() {
      @Override
      public String id() {
        return "NO_EMOJI";
      }

      @Override
      public Severity defaultSeverity() {
        return Severity.INFO;
      }

      @Override
      public void check(ToneContext context, Findings findings) {
        int i = context.text().indexOf('🙂');
        if (i >= 0) {
          findings.add(TextSpan.of(i, i + 2), "geen emoji");
        }
      }
    };
    ToneProfile p = Rulebook.dutchMunicipality().toBuilder().rule(noEmoji)
        .severity("NO_EMOJI", Severity.BLOCK).build();
    ToneReport r = check(p, "Hoi Jan 🙂 ^Sanne", ChannelKind.FACEBOOK);
    assertEquals(Severity.BLOCK, r.findings("NO_EMOJI").get(0).severity());
    assertFalse(r.sendable());
  }

  @Test
  void aBrokenRuleIsReportedNotFatal() {
    ToneRule broken = new ToneRule() {
      @Override
      public String id() {
        return "BROKEN";
      }

      @Override
      public Severity defaultSeverity() {
        return Severity.WARN;
      }

      @Override
      public void check(ToneContext context, Findings findings) {
        throw new IllegalStateException("bug");
      }
    };
    ToneReport r = ToneChecker.of(Rulebook.dutchMunicipality(), List.of(broken))
        .check(ToneRequest.reply("Hoi", ChannelKind.X, Visibility.PUBLIC).build());
    assertEquals(Severity.INFO, r.findings("BROKEN").get(0).severity());
    assertTrue(r.has("TRIPLE_A"), "the other rules still ran");
  }

  @Test
  void badProfilesFailWithWhereAndWhy() {
    assertMessage("unknown setting 'colour'", "colour: blue");
    assertMessage("not valid YAML or JSON", "rules: [unclosed");
    assertMessage("rules.PROMISE: 'LOUD' is not one of", "rules: { PROMISE: loud }");
    assertMessage("ownRules[0]: type 'magic'",
        "ownRules: [{ id: X1, type: magic, tokens: [a] }]");
    assertMessage("ownRules[0]: 'tokens' lists at least one entry",
        "ownRules: [{ id: X1, type: existence }]");
    assertMessage("is not upper snake case", "ownRules: [{ id: lower, type: existence }]");
    assertMessage("'max' is a number", "ownRules: [{ id: X1, type: occurrence, tokens: [a] }]");
    assertMessage("bad regular expression",
        "ownRules: [{ id: X1, type: existence, tokens: [\"re:(\"] }]");
    assertMessage("names {firstName} or {initials}", "channels: { X: { signOff: \"^team\" } }");
    assertMessage("ISO-8601 duration", "cannedAnswers: { window: week }");
  }

  private static void assertMessage(String expected, String profile) {
    InvalidToneProfileException e = assertThrows(InvalidToneProfileException.class,
        () -> Rulebook.parse(profile));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void anEmptyProfileRunsNothingAndARuleWithABuiltInIdReplacesIt() {
    ToneRule quiet = new ToneRule() {
      @Override
      public String id() {
        return "SHOUTING";
      }

      @Override
      public Severity defaultSeverity() {
        return Severity.INFO;
      }

      @Override
      public void check(ToneContext ctx, Findings findings) {}
    };
    String text = "Hoi Jan, DIT IS ECHT ZO!!! ^Sanne";
    assertEquals(List.of(), check(ToneProfile.builder().build(), text, ChannelKind.FACEBOOK)
        .findings());
    assertTrue(check(Rulebook.dutchMunicipality(), text, ChannelKind.FACEBOOK).has("SHOUTING"));
    ToneProfile replaced = Rulebook.dutchMunicipality().toBuilder().rule(quiet).build();
    assertFalse(check(replaced, text, ChannelKind.FACEBOOK).has("SHOUTING"));
    assertEquals(Rulebook.rules().size() + 1, replaced.rules().size(), "HOUSE_STYLE besides");
  }
}
