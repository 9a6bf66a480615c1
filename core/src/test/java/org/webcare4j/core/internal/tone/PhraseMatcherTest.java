package org.webcare4j.core.internal.tone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.tone.Language;
import org.webcare4j.core.tone.TextSpan;

class PhraseMatcherTest {
  private static List<String> found(PhraseMatcher m, String text) {
    return m.find(text).stream().map(s -> s.of(text)).toList();
  }

  @Test
  void matchesWholeWordsCaseInsensitivelyWithWildcards() {
    PhraseMatcher m = PhraseMatcher.of(List.of("ik vind", "ik zet ... door", "binnen # dagen",
        "vind *", "!"));
    assertEquals(List.of("Ik vind"), found(m, "Ik vind het."));
    assertEquals(List.of(), found(m, "Dikke vinder"), "not inside words");
    assertEquals(List.of("ik zet je vraag door"), found(m, "Dus ik zet je vraag door."));
    assertEquals(List.of("binnen 3 dagen"), found(m, "binnen 3 dagen"));
    assertEquals(List.of(), found(m, "binnen drie dagen"), "# is a number");
    assertEquals(List.of("!", "!"), found(m, "Hallo! Dag!"));
  }

  @Test
  void aPhraseDoesNotRunOnOverPunctuation() {
    PhraseMatcher m = PhraseMatcher.of(List.of("vraag het"));
    assertEquals(List.of(), found(m, "Dank voor je vraag. Het zwembad is open."));
    assertEquals(List.of("Vraag het"), found(m, "Vraag het gerust."));
  }

  @Test
  void expandsSimpleExpressionsAndRefusesOthers() {
    assertEquals(List.of("een brief", "een mail", "per brief", "per mail"),
        PhraseMatcher.expand("(een|per) (brief|mail)"));
    assertEquals(List.of("werkdagen", "dagen"), PhraseMatcher.expand("(werk)?dagen"));
    assertEquals(List.of("binnen # dagen"), PhraseMatcher.expand("binnen \\d+ dagen"));
    assertEquals(List.of("ik denk dat ... beter is", "ik geloof dat ... beter is"),
        PhraseMatcher.expand("ik (denk|geloof) dat ... beter is"));
    assertNull(PhraseMatcher.expand("[a-z]+"));
    assertNull(PhraseMatcher.expand("days?"));
  }

  @Test
  void theBuiltInWordListsNeedNoRegularExpressionScan() {
    // a regular expression over every position of the text costs ten times the word trie;
    // the lists are written so that every line expands into plain phrases
    for (Language l : Language.values()) {
      for (String section : List.of("opinion", "opinion-not", "uncertain", "promise", "negative",
          "forward", "forward-not", "when", "how", "attention", "action", "referral", "closing", "abusive",
          "threat", "urgent", "strong-negative")) {
        assertFalse(Lexicon.of(l).get(section).usesRegex(), l + " " + section);
      }
    }
    assertTrue(PhraseMatcher.of(List.of("re:[0-9]{4}")).usesRegex());
    assertEquals(List.of(new TextSpan(0, 4)), PhraseMatcher.of(List.of("re:[0-9]{4}"))
        .find("2026"));
  }
}
