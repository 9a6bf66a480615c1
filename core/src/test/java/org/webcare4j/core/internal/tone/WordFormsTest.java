package org.webcare4j.core.internal.tone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.tone.Language;

/** Word forms that must meet, words that must not, and matching on forms in the lexicons. */
class WordFormsTest {
  private final UnaryOperator<String> nl = WordForms.of(Language.DUTCH);
  private final UnaryOperator<String> en = WordForms.of(Language.ENGLISH);

  private static void sameKey(UnaryOperator<String> forms, String... words) {
    for (String w : words) {
      assertEquals(forms.apply(words[0]), forms.apply(w), words[0] + " / " + w);
    }
  }

  @Test
  void inflectedFormsShareAKey() {
    sameKey(nl, "beloof", "belooft", "beloofde", "beloofden", "beloofd", "beloven");
    sameKey(nl, "garandeer", "garanderen", "gegarandeerd", "garandeert");
    sameKey(nl, "idioot", "idioten");
    sameKey(nl, "doorsturen", "doorgestuurd", "doorgestuurde");
    sameKey(nl, "overstroomd", "overstroming", "overstromen");
    sameKey(nl, "bedreigd", "bedreigen", "bedreiging");
    sameKey(nl, "vind", "vindt", "vinden");
    sameKey(en, "promise", "promised", "promises", "promising");
    sameKey(en, "idiot", "idiots");
    sameKey(en, "flood", "flooded", "flooding");
  }

  @Test
  void shortWordsAndKeysThatWouldBeShortStayThemselves() {
    // "geweld" stems to "wel" and "gewond" to "won": they must not meet "wel" and "wonen"
    assertNotEquals(nl.apply("wel"), nl.apply("geweld"));
    assertNotEquals(nl.apply("wonen"), nl.apply("gewond"));
    assertNotEquals(nl.apply("al"), nl.apply("alle"));
    assertEquals("bom", nl.apply("bom"));
    assertEquals("100", nl.apply("100"));
    assertEquals("e-mail", nl.apply("e-mail"));
  }

  @Test
  void lexiconsMatchWordFormsAndExactWordsAsWritten() {
    PhraseMatcher promise = PhraseMatcher.of(List.of("beloof ik"), nl);
    assertEquals(1, promise.find("Morgen is het klaar, dat beloof ik je.").size());
    assertEquals(1, promise.find("Dat beloofde ik toen ook.").size());
    PhraseMatcher exact = PhraseMatcher.of(List.of("hebt =doorgestuurd"), nl);
    assertEquals(1, exact.find("dank je dat je het hebt doorgestuurd").size());
    assertEquals(0, exact.find("dank je dat je het hebt doorsturen").size());
    PhraseMatcher surface = PhraseMatcher.of(List.of("beloof ik"));
    assertEquals(0, surface.find("Dat beloofde ik toen ook.").size(), "no forms unless asked");
  }

  @Test
  void theStemmersNeedNothingFromLuceneCore() {
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName("org.apache.lucene.util.Version"));
    assertEquals("belof", nl.apply("beloofd"));
  }
}
