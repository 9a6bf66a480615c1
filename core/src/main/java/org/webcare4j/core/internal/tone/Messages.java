package org.webcare4j.core.internal.tone;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.webcare4j.core.tone.Language;

/** The built-in rules' messages, in Dutch and English. */
public final class Messages {
  private static final Map<Language, Properties> TEXTS = new EnumMap<>(Language.class);
  private static final java.util.concurrent.ConcurrentMap<String, MessageFormat> FORMATS =
      new java.util.concurrent.ConcurrentHashMap<>();

  static {
    for (Language l : Language.values()) {
      Properties p = new Properties();
      try (InputStream in = Messages.class.getResourceAsStream("messages-" + l.code()
          + ".properties")) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TEXTS.put(l, p);
    }
  }

  private Messages() {}

  /**
   * Returns a message.
   *
   * @param language the language
   * @param key the key
   * @param args values for its {@code {0}}, {@code {1}}, ...
   * @return the message
   */
  public static String get(Language language, String key, Object... args) {
    String pattern = TEXTS.get(language).getProperty(key);
    if (pattern == null) {
      throw new IllegalStateException("no message " + key);
    }
    MessageFormat format = FORMATS.computeIfAbsent(language.code() + ":" + key,
        k -> new MessageFormat(pattern, language == Language.DUTCH
            ? Locale.forLanguageTag("nl") : Locale.ENGLISH));
    synchronized (format) { // MessageFormat is not thread-safe
      return format.format(args);
    }
  }
}
