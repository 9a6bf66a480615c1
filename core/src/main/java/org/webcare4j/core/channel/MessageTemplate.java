package org.webcare4j.core.channel;

import java.util.List;
import java.util.Objects;

/**
 * A template message approved by the platform beforehand (WhatsApp's message templates), the only
 * kind that may be sent outside the reply window.
 *
 * @param name the template's name as registered with the platform
 * @param language the template's language code, such as {@code nl}
 * @param bodyParameters the values for the template body's placeholders, in order
 */
public record MessageTemplate(String name, String language, List<String> bodyParameters) {

  public MessageTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    if (name.isBlank() || language.isBlank()) {
      throw new IllegalArgumentException("a template has a name and a language");
    }
    bodyParameters = List.copyOf(bodyParameters);
  }

  /**
   * Returns the text a person sees, with placeholders like {@code {{1}}} filled in, for the inbox.
   *
   * @return a readable description of the template message
   */
  public String describe() {
    return "[template " + name + " (" + language + ")" + (bodyParameters.isEmpty() ? ""
        : ": " + String.join(" | ", bodyParameters)) + "]";
  }
}
