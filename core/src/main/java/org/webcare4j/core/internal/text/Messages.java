package org.webcare4j.core.internal.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The messages webcare4j shows people (tone findings, publication checks), in Dutch and English,
 * from the bundles {@code messages-nl.properties} and {@code messages-en.properties}.
 */
public final class Messages {
  private static final List<String> LANGUAGES = List.of("nl", "en");
  private static final Map<String, Properties> TEXTS = new HashMap<>();
  private static final java.util.concurrent.ConcurrentMap<String, MessageFormat> FORMATS =
      new java.util.concurrent.ConcurrentHashMap<>();

  static {
    for (String code : LANGUAGES) {
      Properties p = new Properties();
      try (InputStream in = Messages.class.getResourceAsStream("messages-" + code
          + ".properties")) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TEXTS.put(code, p);
    }
  }

  private Messages() {}

  /**
   * Returns a message.
   *
   * @param language the language's code: {@code nl} or {@code en}
   * @param key the key
   * @param args values for its {@code {0}}, {@code {1}}, ...
   * @return the message
   * @throws IllegalArgumentException for a language without messages
   */
  public static String get(String language, String key, Object... args) {
    Properties texts = TEXTS.get(language);
    if (texts == null) {
      throw new IllegalArgumentException("no messages in language " + language);
    }
    String pattern = texts.getProperty(key);
    if (pattern == null) {
      throw new IllegalStateException("no message " + key);
    }
    MessageFormat format = FORMATS.computeIfAbsent(language + ":" + key,
        k -> new MessageFormat(pattern, Locale.forLanguageTag(language)));
    synchronized (format) { // MessageFormat is not thread-safe
      return format.format(args);
    }
  }
}
