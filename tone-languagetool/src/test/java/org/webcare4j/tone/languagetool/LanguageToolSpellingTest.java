package org.webcare4j.tone.languagetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.rulebook.Rulebook;
import org.webcare4j.core.tone.Finding;
import org.webcare4j.core.tone.ToneChecker;
import org.webcare4j.core.tone.ToneCorpus;
import org.webcare4j.core.tone.ToneProfile;
import org.webcare4j.core.tone.ToneReport;
import org.webcare4j.core.tone.ToneRequest;

/** Dutch spelling by a real LanguageTool, loaded once for the class. */
class LanguageToolSpellingTest {
  private static final AgentIdentity SANNE = new AgentIdentity("sanne.vos", "Sanne", "SV");
  private static LanguageToolSpelling spelling;
  private static ToneChecker checker;

  @BeforeAll
  static void load() throws Exception {
    spelling = LanguageToolSpelling.builder().build();
    checker = ToneChecker.of(Rulebook.dutchMunicipality(), List.of(spelling));
    spelling.warmUp().get(2, TimeUnit.MINUTES);
  }

  @AfterAll
  static void close() {
    spelling.close();
  }

  private static List<Finding> spellingOf(String text) {
    ToneReport r = checker.check(ToneRequest.reply(text, ChannelKind.WHATSAPP,
        Visibility.PRIVATE).agent(SANNE).inwonerName("Fatima El Amrani").build());
    return r.findings(LanguageToolSpelling.ID);
  }

  @Test
  void findsAMisspelledWordAndSuggestsButNeverFixes() {
    String text = "Hoi Fatima, ik heb je formulier goed ontvagen. Je hoort binnen een week van"
        + " ons.\n^Sanne";
    List<Finding> found = spellingOf(text);
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals("ontvagen", f.span().of(text));
    assertTrue(f.suggestion().orElseThrow().contains("ontvangen"), f.suggestion().toString());
    assertTrue(f.replacement().isEmpty(), "suggestions are never applied automatically");
  }

  @Test
  void aCorrectReplyWithNamesHasNoSpellingFindings() {
    assertEquals(List.of(), spellingOf("Hoi Fatima, dank je voor je vraag. Je kunt de"
        + " vergunning online aanvragen. Ik stuur je de link zo meteen.\n^Sanne"));
  }

  @Test
  void englishRepliesAreLeftAlone() {
    assertEquals(List.of(), spellingOf("Hi Fatima, thanks for your question. You can aply"
        + " online. I will send you the link.\n^Sanne"));
  }

  @Test
  void concurrentChecksGetTheSameAnswersAsOneAtATime() throws Exception {
    List<String> texts = List.of(
        "Hoi Fatima, ik heb je formulier goed ontvagen.\n^Sanne",
        "Hoi Fatima, de container word morgen geleegd.\n^Sanne",
        "Hoi Fatima, dank je voor je bericht.\n^Sanne",
        "Hoi Fatima, je kunt de pas ophalen bij het stadskantoor.\n^Sanne");
    List<List<Finding>> sequential = new ArrayList<>();
    for (String t : texts) {
      sequential.add(spellingOf(t));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Finding>>> futures = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String t : texts) {
          futures.add(pool.submit(() -> spellingOf(t)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(sequential.get(i % texts.size()), futures.get(i).get(1, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void beforeLoadingACheckSaysSoInsteadOfWaiting() {
    LanguageToolSpelling cold = LanguageToolSpelling.builder().poolSize(1).build();
    try {
      ToneReport r = ToneChecker.of(Rulebook.dutchMunicipality(), List.of(cold))
          .check(ToneRequest.reply("Hoi, ik heb het ontvagen.", ChannelKind.WHATSAPP,
              Visibility.PRIVATE).build());
      assertFalse(cold.isReady());
      List<Finding> f = r.findings(LanguageToolSpelling.ID);
      assertEquals(1, f.size());
      assertTrue(f.get(0).message().contains("wordt geladen"), f.get(0).message());
    } finally {
      cold.close();
    }
  }

  @Test
  void theGoodRepliesOfTheCorpusRaiseFewSpellingFindings() {
    int replies = 0;
    List<String> found = new ArrayList<>();
    for (ToneCorpus.Case c : ToneCorpus.replies()) {
      if (!c.id().startsWith("good-")) {
        continue;
      }
      replies++;
      ToneReport r = checker.check(c.request());
      r.findings(LanguageToolSpelling.ID).forEach(f -> found.add(c.id() + ": '"
          + f.span().of(r.text()) + "' " + f.message()));
    }
    System.out.println("spelling findings on " + replies + " good replies: " + found.size());
    found.forEach(f -> System.out.println("  " + f));
    assertTrue(found.size() <= 2, found.toString());
  }
}
