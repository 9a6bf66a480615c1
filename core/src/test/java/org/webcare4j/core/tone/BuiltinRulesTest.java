package org.webcare4j.core.tone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.rulebook.Rulebook;

/** Details of single rules that the corpus does not pin down. */
class BuiltinRulesTest {
  private final ToneChecker checker = ToneChecker.of(ToneCorpus.PROFILE);

  private ToneReport reply(String text, ChannelKind kind, Visibility v) {
    return checker.check(ToneRequest.reply(text, kind, v).agent(ToneCorpus.SANNE)
        .limits(ToneCorpus.limits(kind)).build());
  }

  @Test
  void signOffInAnotherFormatIsReplacedInTheChannelsFormat() {
    ToneReport r = reply("Dank je! Ik heb de stoeptegel gemeld, de monteur komt morgen. -SV",
        ChannelKind.FACEBOOK, Visibility.PUBLIC);
    Finding f = r.findings("SIGN_OFF").get(0);
    assertEquals("-SV", f.span().of(r.text()));
    assertEquals(Optional.of("^Sanne"), f.replacement());
    assertTrue(r.fixedText().orElseThrow().endsWith("komt morgen. ^Sanne"));
  }

  @Test
  void eMailSignOffIsAddedOnItsOwnLines() {
    ToneReport r = reply("Beste heer Jansen,\n\nU krijgt binnen twee weken een brief.",
        ChannelKind.EMAIL, Visibility.PRIVATE);
    assertTrue(r.fixedText().orElseThrow()
        .endsWith("een brief.\n\nMet vriendelijke groet,\nSanne"));
  }

  @Test
  void aNumberWithAnotherReadingIsNoBsnButWithBsnContextItIs() {
    String zaak = "Hoi Jan, je zaaknummer is 123456782. Je hoort binnen 3 dagen per mail.\n^Sanne";
    assertFalse(reply(zaak, ChannelKind.FACEBOOK, Visibility.PUBLIC).has("PRIVACY_IN_PUBLIC"));
    assertTrue(reply(zaak.replace("zaaknummer", "burgerservicenummer"), ChannelKind.FACEBOOK,
        Visibility.PUBLIC).has("PRIVACY_IN_PUBLIC"));
  }

  @Test
  void organisationsOwnContactDetailsAreNotPersonalData() {
    ToneProfile p = Rulebook.dutchMunicipality().toBuilder()
        .organisationDomain("utrecht.nl").organisationPhoneNumber("030 286 0000").build();
    String text = "Hoi Jan, mail naar j.jansen@utrecht.nl of bel 030 286 0000. ^Sanne";
    ToneReport own = ToneChecker.of(p).check(ToneRequest.reply(text, ChannelKind.FACEBOOK,
        Visibility.PUBLIC).agent(ToneCorpus.SANNE).build());
    assertFalse(own.has("PRIVACY_IN_PUBLIC"), own.findings().toString());
    assertEquals(2, reply(text, ChannelKind.FACEBOOK, Visibility.PUBLIC)
        .findings("PRIVACY_IN_PUBLIC").size());
  }

  @Test
  void serviceNumbersAreNotPersonalData() {
    assertFalse(reply("Hoi Jan, bel gratis 0800-1234567 of 0900-1234567.\n^Sanne",
        ChannelKind.FACEBOOK, Visibility.PUBLIC).has("PRIVACY_IN_PUBLIC"));
  }

  @Test
  void lengthFindingStartsWhereTheLimitIsPassed() {
    String text = "a".repeat(300);
    ToneReport r = reply(text, ChannelKind.X, Visibility.PUBLIC);
    // 280 characters fit; the 281st (index 280) is the first too many
    assertEquals(280, r.findings("LENGTH").get(0).span().start());
    assertFalse(r.sendable());
  }

  @Test
  void anEnglishReplyIsCheckedInEnglish() {
    ToneReport r = reply("Hi John, I think the new opening hours are unfair. You can call us."
        + "\n^Sanne", ChannelKind.WHATSAPP, Visibility.PRIVATE);
    assertEquals(Language.ENGLISH, r.language());
    assertTrue(r.has("PERSONAL_OPINION"));
    // "I think" before a plain fact hedges it, like "ik denk dat"; it is no opinion
    ToneReport fact = reply("Hi John, I think the office is closed on Monday. You can call us."
        + "\n^Sanne", ChannelKind.WHATSAPP, Visibility.PRIVATE);
    assertTrue(fact.has("UNCERTAIN_ANSWER"));
    assertFalse(fact.has("PERSONAL_OPINION"));
  }

  @Test
  void messagesComeInTheProfilesLanguage() {
    ToneChecker english = ToneChecker.of(Rulebook.dutchMunicipality().toBuilder()
        .language(Language.ENGLISH).build());
    ToneReport r = english.check(ToneRequest.reply("Hoi Jan, ik vind dat ook. Bel ons.\n^Sanne",
        ChannelKind.WHATSAPP, Visibility.PRIVATE).agent(ToneCorpus.SANNE).build());
    assertEquals(Language.DUTCH, r.language(), "the text is Dutch");
    assertTrue(r.findings("PERSONAL_OPINION").get(0).message().startsWith("Personal opinion"));
  }

  @Test
  void aHedgeInAQuestionIsPolitenessAndInAnOpinionItIsTheOpinion() {
    String polite = "Hoi Julia, ik heb de lamp gemeld. Heb je misschien een foto van de paal? "
        + "Stuur die gerust in een DM.\n^Sanne";
    assertFalse(reply(polite, ChannelKind.INSTAGRAM, Visibility.PUBLIC).has("UNCERTAIN_ANSWER"));
    ToneReport statement = reply(polite.replace("Heb je misschien een foto van de paal?",
        "De monteur komt misschien morgen."), ChannelKind.INSTAGRAM, Visibility.PUBLIC);
    assertTrue(statement.has("UNCERTAIN_ANSWER"), statement.findings().toString());
    ToneReport opinion = reply("Hi Kai, I believe the new bridge is the best thing the town"
        + " has built. It opens on 1 June. ^SV", ChannelKind.X, Visibility.PUBLIC);
    assertTrue(opinion.has("PERSONAL_OPINION"), opinion.findings().toString());
    assertFalse(opinion.has("UNCERTAIN_ANSWER"), opinion.findings().toString());
    assertTrue(reply("Hi Kai, I believe the bridge opens on 1 June. ^SV", ChannelKind.X,
        Visibility.PUBLIC).has("UNCERTAIN_ANSWER"));
  }

  @Test
  void theAgentsInitialsAreNoShoutingButAFunctionWordInCapitalsIs() {
    String x = "Hi Liam, line 7 now stops at the hospital every 15 minutes. Send me a DM. ^SV";
    assertFalse(reply(x, ChannelKind.X, Visibility.PUBLIC).has("SHOUTING"));
    ToneReport met = reply("Beste Dewi,\n\nUw aanvraag is pas compleet MET een pasfoto. Neemt u"
        + " die mee?\n\nMet vriendelijke groet,\nSanne", ChannelKind.EMAIL, Visibility.PRIVATE);
    assertEquals(1, met.findings("SHOUTING").size(), met.findings().toString());
    assertEquals("MET", met.findings("SHOUTING").get(0).span().of(met.text()));
  }

  @Test
  void anEmojiBeforeACapitalEndsASentence() {
    ToneContext ctx = new ToneContext(ToneRequest.reply("Dat had je kunnen weten 😉 De dag is"
        + " verschoven. Zet je spullen 👍🏽 buiten.", ChannelKind.WHATSAPP, Visibility.PRIVATE)
        .build(), ToneCorpus.PROFILE, Language.DUTCH);
    assertEquals(java.util.List.of("Dat had je kunnen weten 😉", "De dag is verschoven.",
        "Zet je spullen 👍🏽 buiten."), ctx.sentences().stream().map(x -> x.of(ctx.text())).toList());
  }

  @Test
  void anInstructionMayOpenAClauseOrFollowASoftener() {
    String base = "Hi Ryan, thanks for your message. Your visitor hours are topped up every month"
        + " on the 1st.";
    assertTrue(reply(base + "\n^Sanne", ChannelKind.MESSENGER, Visibility.PRIVATE)
        .has("TRIPLE_A"));
    assertFalse(reply(base + " If the app stops working again, just send me a message here.\n"
        + "^Sanne", ChannelKind.MESSENGER, Visibility.PRIVATE).has("TRIPLE_A"));
  }
}
