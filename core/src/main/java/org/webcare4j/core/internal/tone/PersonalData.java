package org.webcare4j.core.internal.tone;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iban4j.IbanUtil;
import org.webcare4j.core.tone.TextSpan;
import org.webcare4j.core.tone.ToneProfile;

/**
 * Finds personal data in running text: BSN (elfproef), IBAN (mod 97, by iban4j), phone numbers
 * (libphonenumber), e-mail addresses, postcode with house number, and dates of birth.
 */
public final class PersonalData {

  /** What kind of personal data. */
  public enum Kind {
    BSN, IBAN, PHONE, EMAIL, ADDRESS, DATE_OF_BIRTH
  }

  /**
   * One piece of personal data.
   *
   * @param kind the kind
   * @param span where
   * @param value a normalised form, to compare occurrences in different texts
   */
  public record Item(Kind kind, TextSpan span, String value) {}

  private static final String B = "(?<![\\p{L}\\p{N}])";
  private static final String A = "(?![\\p{L}\\p{N}])";
  private static final Pattern BSN_CANDIDATE = Pattern.compile(
      "(?<![\\p{L}\\p{N}.,\\-/+])(\\d{9}|\\d{8}|\\d{4}[. ]\\d{2}[. ]\\d{3}|\\d{3}[. ]\\d{3}[. ]\\d{3})"
          + "(?![\\p{L}\\p{N}]|[.,\\-/]\\d)");
  private static final Pattern BSN_CONTEXT = Pattern.compile(
      "bsn|burger ?service ?nummer|sofi-? ?nummer|citizen service number|\\bbsn-nummer",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern OTHER_NUMBER_CONTEXT = Pattern.compile(
      "(?<![\\p{L}])(zaak\\p{L}*|order\\p{L}*|kenmerk|referentie\\p{L}*|dossier\\p{L}*"
          + "|aanvraag\\p{L}*|klant\\p{L}*|registratie\\p{L}*|polis\\p{L}*|contract\\p{L}*"
          + "|application|customer"
          + "|factuur\\p{L}*|klantnummer|ticket\\p{L}*|melding\\p{L}*|aanslag\\p{L}*|kvk\\p{L}*"
          + "|vergunning\\p{L}*|bestel\\p{L}*|pakket\\p{L}*|track\\p{L}*|reference|case|invoice"
          + "|account|tel|telefoon\\p{L}*|bel|postbus|nr)(?![\\p{L}])",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern IBAN_START = Pattern.compile(B + "[A-Za-z]{2}\\d{2}(?=[ ]?[A-Za-z0-9])");
  private static final Pattern EMAIL = Pattern.compile(
      B + "[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})" + A);
  private static final Pattern POSTCODE = Pattern.compile(
      B + "[1-9]\\d{3} ?(?!SA|SD|SS|sa|sd|ss)(?:[A-Z]{2}|[a-z]{2})" + A);
  private static final Pattern NUMBER_AFTER = Pattern.compile(
      "^\\s*,?\\s*(?:nr\\.?\\s*|huisnummer\\s*)?\\d{1,5}(?:\\s?-?[a-zA-Z](?![\\p{L}]))?(?!\\p{N})");
  private static final Pattern NUMBER_BEFORE = Pattern.compile(
      "\\p{L}{2,}\\s+\\d{1,5}(?:\\s?-?[a-zA-Z])?\\s*,?\\s*$");
  private static final String MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus"
      + "|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
      + "|january|february|march|may|june|july|august|october|mar|oct";
  private static final Pattern DATE = Pattern.compile(
      B + "(?:(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})|(\\d{1,2})\\s+(" + MONTHS + ")\\.?\\s+(\\d{4}))"
          + A, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern BIRTH_CONTEXT = Pattern.compile(
      "geboren|geboortedatum|geb\\.|\\bgeb\\b|verjaardag|born|birth|\\bdob\\b|jarig",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern BIRTH_RULE = Pattern.compile(
      "(geboren|born)\\s+(vóór|voor|na|tussen|vanaf|sinds|before|after|between|from|since"
          + "|op of na|op of voor|on or after|on or before)\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern NOT_BIRTH_CONTEXT = Pattern.compile(
      "(sinds|vanaf|per|tot|van|op|in|sinds de|since|from|until|as of|on)\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Set<String> ROLE_MAILBOXES = Set.of("info", "contact", "webcare",
      "klantcontact", "gemeente", "post", "noreply", "no-reply", "servicedesk", "helpdesk",
      "privacy", "belastingen", "vergunningen", "support", "service", "secretariaat", "kcc",
      "communicatie", "pers", "redactie");
  private static final Set<PhoneNumberType> NOT_PERSONAL = EnumSet.of(PhoneNumberType.TOLL_FREE,
      PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN,
      PhoneNumberType.VOICEMAIL);
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private PersonalData() {}

  /**
   * Tells whether nine digits (or eight, with a leading zero added) pass the elfproef.
   *
   * @param digits eight or nine digits
   * @return true for a well-formed BSN
   */
  public static boolean elfproef(String digits) {
    String d = digits.length() == 8 ? "0" + digits : digits;
    if (d.length() != 9 || d.equals("000000000")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (d.charAt(i) - '0') * (9 - i);
    }
    sum -= d.charAt(8) - '0';
    return sum % 11 == 0;
  }

  /**
   * Finds personal data.
   *
   * @param text the text
   * @param profile the profile, for the organisation's own numbers and addresses
   * @param lenient whether to take every elfproef number as a BSN, context or not (for texts
   *     an inwoner wrote, whose data a reply must not repeat)
   * @return what was found, in order, without overlaps
   */
  public static List<Item> find(String text, ToneProfile profile, boolean lenient) {
    return find(text, profile, lenient, false);
  }

  /**
   * Finds personal data as {@link #find(String, ToneProfile, boolean)}; in an agent's reply,
   * "ons" and "onze" before an account or phone number name the organisation's own.
   *
   * @param text the text
   * @param profile the profile, for the organisation's own numbers and addresses
   * @param lenient whether every passing number counts, as in the inwoner's own texts
   * @param reply whether the text is the organisation's reply
   * @return what was found, in order, without overlaps
   */
  public static List<Item> find(String text, ToneProfile profile, boolean lenient,
      boolean reply) {
    List<Item> found = new ArrayList<>();
    int digits = 0;
    for (int i = 0; i < text.length() && digits < 4; i++) {
      if (Character.isDigit(text.charAt(i))) {
        digits++;
      }
    }
    if (digits >= 4) {
      // every detector but e-mail needs digits; most replies have none, and skip the cost
      bsns(text, lenient, found);
      ibans(text, profile, found);
      postcodes(text, found);
      dates(text, found);
      phones(text, profile, found);
    }
    if (text.indexOf('@') >= 0) {
      emails(text, profile, found);
    }
    // The organisation's own account or phone number, said as such, is no one's personal data:
    // "maak het over op onze rekening NL..", "bel ons op 020 ..", "the council's number".
    Pattern own = reply ? OUR_OWN : ORGANISATION_OWN;
    found.removeIf(i -> (i.kind() == Kind.IBAN || i.kind() == Kind.PHONE)
        && (own.matcher(before(text, i.span().start(), 40)).find()
            || ORGANISATION_AFTER.matcher(text.substring(i.span().end(),
                Math.min(text.length(), i.span().end() + 40))).find()
            // BNG Bank keeps the accounts of Dutch municipalities and other public bodies
            || (i.kind() == Kind.IBAN && i.value().length() >= 8
                && i.value().substring(4, 8).equals("BNGH"))));
    if (lenient) {
      streetAddresses(text, found);
    }
    found.sort(Comparator.comparingInt((Item i) -> i.span().start()));
    List<Item> out = new ArrayList<>(found.size());
    for (Item i : found) {
      if (out.isEmpty() || !out.get(out.size() - 1).span().overlaps(i.span())) {
        out.add(i);
      }
    }
    return out;
  }

  private static final String ORGANISATION = "(?:van )?de gemeente|gemeentelijke?"
      + "|the council'?s?|the municipality'?s?|(?:het )?klantcontactcentrum|klantenservice"
      + "|customer service";
  private static final Pattern ORGANISATION_OWN = Pattern.compile(
      "(?iu)(?<![\\p{L}])(?:" + ORGANISATION + ")(?![\\p{L}])[^.!?\\n]*$");
  private static final Pattern OUR_OWN = Pattern.compile(
      "(?iu)(?<![\\p{L}])(?:ons|onze|our|" + ORGANISATION + ")(?![\\p{L}])[^.!?\\n]*$");

  private static final Pattern ORGANISATION_AFTER = Pattern.compile(
      "(?iu)^[^.!?\\n]{0,10}(?:t\\.?n\\.?v\\.?|ten name van|van|of|in the name of)\\s+(?:de\\s+|the\\s+)?"
          + "(?:gemeente|municipality|council)(?![\\p{L}])");
  /** A street and house number without a postcode: "Berkenlaan 23", "Lange Nieuwstraat 4a". */
  private static final Pattern STREET_ADDRESS = Pattern.compile(
      "(?u)(?<![\\p{L}])(\\p{Lu}\\p{L}+(?:straat|laan|weg|plein|gracht|kade|singel|dreef|hof|pad"
          + "|steeg|dijk|park|plantsoen|ring|allee|markt|erf|veld|wal|hoek|baan|bolwerk))"
          + " (\\d{1,4}(?: ?[a-zA-Z](?![\\p{L}]))?)(?![\\p{L}\\p{N}])");

  /**
   * Streets with a house number, read only in lenient mode (the inwoner's own texts, and a reply
   * checked for repeating them): in a reply on its own a street and number is as often a public
   * place as a home.
   */
  private static void streetAddresses(String text, List<Item> out) {
    Matcher m = STREET_ADDRESS.matcher(text);
    while (m.find()) {
      String value = (m.group(1) + " " + m.group(2)).toLowerCase(Locale.ROOT).replace(" ", "");
      out.add(new Item(Kind.ADDRESS, new TextSpan(m.start(), m.end()), value));
    }
  }

  private static String before(String text, int at, int chars) {
    return text.substring(Math.max(0, at - chars), at);
  }

  private static void bsns(String text, boolean lenient, List<Item> out) {
    Matcher m = BSN_CANDIDATE.matcher(text);
    while (m.find()) {
      String digits = m.group(1).replaceAll("\\D", "");
      if (!elfproef(digits)) {
        continue;
      }
      String around = before(text, m.start(), 40)
          + text.substring(m.end(), Math.min(text.length(), m.end() + 15));
      boolean context = BSN_CONTEXT.matcher(around).find();
      boolean otherReading = OTHER_NUMBER_CONTEXT.matcher(before(text, m.start(), 30)).find();
      // A number named as a reference ("aanvraagnummer 1593..") is one, in the inwoner's text too.
      boolean bsn = context || (!otherReading && (lenient || digits.length() == 9));
      if (bsn) {
        String value = digits.length() == 8 ? "0" + digits : digits;
        out.add(new Item(Kind.BSN, new TextSpan(m.start(), m.end()), value));
      }
    }
  }

  private static void ibans(String text, ToneProfile profile, List<Item> out) {
    Matcher m = IBAN_START.matcher(text);
    while (m.find()) {
      // Grow the candidate token by token (IBANs are written in groups of four) and keep the
      // longest prefix that validates.
      StringBuilder compact = new StringBuilder(m.group().toUpperCase(Locale.ROOT));
      int end = m.end();
      int bestEnd = -1;
      String best = null;
      int i = m.end();
      while (i < text.length() && compact.length() < 34) {
        char c = text.charAt(i);
        if (c == ' ' && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1))) {
          i++;
          continue;
        }
        if (!Character.isLetterOrDigit(c) || c > 127) {
          break;
        }
        compact.append(Character.toUpperCase(c));
        i++;
        end = i;
        boolean boundary = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
        if (boundary && compact.length() >= 15 && IbanUtil.isValid(compact.toString())) {
          bestEnd = end;
          best = compact.toString();
        }
      }
      if (best != null && !profile.organisationIbans().contains(best)) {
        out.add(new Item(Kind.IBAN, new TextSpan(m.start(), bestEnd), best));
      }
    }
  }

  private static void emails(String text, ToneProfile profile, List<Item> out) {
    Matcher m = EMAIL.matcher(text);
    while (m.find()) {
      String address = m.group().toLowerCase(Locale.ROOT);
      String local = address.substring(0, address.indexOf('@'));
      String domain = m.group(1).toLowerCase(Locale.ROOT);
      boolean own = profile.organisationDomains().stream()
          .anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
      if (!own && !ROLE_MAILBOXES.contains(local)) {
        out.add(new Item(Kind.EMAIL, new TextSpan(m.start(), m.end()), address));
      }
    }
  }

  /** A post-office box or freepost number: an organisation's address, nobody's home. */
  private static final Pattern BOX_BEFORE = Pattern.compile(
      "(?:postbus|antwoordnummer|p\\.?\\s?o\\.?\\s?box)\\s+\\d{1,6}\\s*,?\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static void postcodes(String text, List<Item> out) {
    Matcher m = POSTCODE.matcher(text);
    while (m.find()) {
      if (BOX_BEFORE.matcher(before(text, m.start(), 40)).find()) {
        continue;
      }
      Matcher after = NUMBER_AFTER.matcher(text.substring(m.end(),
          Math.min(text.length(), m.end() + 20)));
      Matcher beforeNumber = NUMBER_BEFORE.matcher(before(text, m.start(), 60));
      int start = m.start();
      int end = m.end();
      if (after.find()) {
        end = m.end() + after.end();
      } else if (beforeNumber.find()) {
        start = m.start() - (Math.min(m.start(), 60) - beforeNumber.start());
      } else {
        continue;
      }
      String value = m.group().replace(" ", "").toUpperCase(Locale.ROOT);
      out.add(new Item(Kind.ADDRESS, new TextSpan(start, end), value));
    }
  }

  private static void dates(String text, List<Item> out) {
    Matcher m = DATE.matcher(text);
    int thisYear = Year.now().getValue();
    while (m.find()) {
      int year = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(6));
      String before = before(text, m.start(), 40);
      // "geboren vóór 1 oktober 2022" states a rule for everyone born then, not someone's date
      boolean context = BIRTH_CONTEXT.matcher(before).find()
          && !BIRTH_RULE.matcher(before).find();
      boolean plausibleAge = year >= thisYear - 110 && year <= thisYear - 12;
      boolean otherReading = NOT_BIRTH_CONTEXT.matcher(before).find();
      if (context || (plausibleAge && !otherReading)) {
        out.add(new Item(Kind.DATE_OF_BIRTH, new TextSpan(m.start(), m.end()),
            m.group().toLowerCase(Locale.ROOT)));
      }
    }
  }

  private static void phones(String text, ToneProfile profile, List<Item> out) {
    // VALID, and besides those an 06 number in a range not handed out yet: it is still written
    // as someone's phone number and read as one.
    List<PhoneNumberMatch> matches = new ArrayList<>();
    PHONES.findNumbers(text, "NL", PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)
        .forEach(matches::add);
    for (PhoneNumberMatch m :
        PHONES.findNumbers(text, "NL", PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
      String national = String.valueOf(m.number().getNationalNumber());
      String digits = m.rawString().replaceAll("\\D", "");
      boolean mobileShape = m.number().getCountryCode() == 31 && national.length() == 9
          && national.charAt(0) == '6' && (digits.startsWith("06") || digits.startsWith("316"));
      if (mobileShape && matches.stream().noneMatch(v -> v.start() < m.end()
          && m.start() < v.end())) {
        matches.add(m);
      }
    }
    for (PhoneNumberMatch match : matches) {
      String raw = match.rawString();
      char first = raw.charAt(0);
      if (first != '0' && first != '+' && first != '(') {
        continue; // Dutch numbers are written with 0 or +31; bare digits are something else
      }
      if (NOT_PERSONAL.contains(PHONES.getNumberType(match.number()))) {
        continue;
      }
      String national = String.valueOf(match.number().getNationalNumber());
      String digits = raw.replaceAll("\\D", "");
      boolean own = profile.organisationPhoneNumbers().stream()
          .anyMatch(o -> o.equals(digits) || o.endsWith(national));
      if (!own) {
        String value = "+" + match.number().getCountryCode() + national;
        out.add(new Item(Kind.PHONE, new TextSpan(match.start(), match.end()), value));
      }
    }
  }
}
