package org.webcare4j.linkedin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.webcare4j.testkit.LinkedInSimulator;

/** URNs as typed values, encoded for paths; commentary escaped as "little" text. */
class LinkedInUrnTest {

  @Test
  void readsTheShortCompoundCommentUrnOfWebhooksAsTheDocumentedLongForm() {
    LinkedInUrn shortForm = LinkedInUrn.parse(
        "urn:li:comment:(activity:7094637247890620418,7094977717598625792)");
    LinkedInUrn longForm = LinkedInUrn.parse(
        "urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)");
    assertEquals(longForm, shortForm, "one comment, however it is written");
    assertEquals("urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)",
        shortForm.toString());
    assertEquals("7094977717598625792", shortForm.commentId());
    assertEquals(LinkedInUrn.parse("urn:li:activity:7094637247890620418"),
        shortForm.commentedOn());
    assertEquals(LinkedInUrn.parse("urn:li:ugcPost:7"),
        LinkedInUrn.parse("urn:li:comment:(urn:li:ugcPost:7,8)").commentedOn());
    assertThrows(IllegalArgumentException.class,
        () -> LinkedInUrn.parse("urn:li:comment:(person:1,2)"));
  }

  @Test
  void parsesEachKindAndEncodesForAPath() {
    LinkedInUrn comment = LinkedInUrn.parse(
        "urn:li:comment:(urn:li:activity:6636062862760562688,6636062862760562689)");
    assertEquals(LinkedInUrn.Type.COMMENT, comment.type());
    assertEquals("6636062862760562689", comment.commentId());
    assertEquals("urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A6636062862760562688%2C"
        + "6636062862760562689%29", comment.encoded());
    assertEquals("urn%3Ali%3Ashare%3A6980154989134028800",
        LinkedInUrn.parse("urn:li:share:6980154989134028800").encoded());
    assertTrue(LinkedInUrn.parse("urn:li:ugcPost:69801549").isPost());
    assertFalse(LinkedInUrn.organization("2414183").isPost());
    assertEquals("urn:li:organization:2414183", LinkedInUrn.organization("2414183").toString());
    assertEquals(LinkedInUrn.Type.IMAGE,
        LinkedInUrn.parse("urn:li:image:C4E10AQFoyyAjHPMQuQ").type());
  }

  @Test
  void refusesWhatIsNotALinkedInUrn() {
    assertThrows(IllegalArgumentException.class, () -> LinkedInUrn.parse("urn:li:share:"));
    assertThrows(IllegalArgumentException.class, () -> LinkedInUrn.parse("urn:li:vote:1"));
    assertThrows(IllegalArgumentException.class, () -> LinkedInUrn.parse("urn:x:share:1"));
    assertThrows(IllegalArgumentException.class, () -> LinkedInUrn.parse("urn:li:share:1/../2"));
    assertThrows(IllegalArgumentException.class,
        () -> LinkedInUrn.parse("urn:li:comment:(urn:li:activity:1)"));
    assertThrows(IllegalStateException.class,
        () -> LinkedInUrn.parse("urn:li:share:1").commentId());
  }

  @Property
  void aUrnSurvivesPrintingParsingAndEncoding(@ForAll @LongRange(min = 1) long activity,
      @ForAll @LongRange(min = 1) long id) {
    for (LinkedInUrn urn : new LinkedInUrn[] {
        new LinkedInUrn(LinkedInUrn.Type.SHARE, String.valueOf(id)),
        new LinkedInUrn(LinkedInUrn.Type.COMMENT, "(urn:li:activity:" + activity + "," + id
            + ")")}) {
      assertEquals(urn, LinkedInUrn.parse(urn.toString()));
      assertEquals(urn.toString(), URLDecoder.decode(urn.encoded(), StandardCharsets.UTF_8));
      assertTrue(urn.encoded().matches("[A-Za-z0-9%._\\-]+"), urn.encoded());
    }
  }

  @Property
  void anyTextPublishesAsWritten(@ForAll String text) {
    assertEquals(text, LinkedInSimulator.readCommentary(LittleText.escape(text)));
    assertEquals(text, LittleText.unescape(LittleText.escape(text)));
  }

  @Property
  void unescapedReservedCharactersCutThePost(@ForAll @AlphaChars @StringLength(min = 1,
      max = 20) String before, @ForAll @AlphaChars String after) {
    for (char reserved : LittleText.RESERVED.toCharArray()) {
      if (reserved == '\\') {
        continue;
      }
      assertEquals(before, LinkedInSimulator.readCommentary(before + reserved + after),
          "the simulator reads little text as LinkedIn does: it is cut at " + reserved);
    }
  }
}
