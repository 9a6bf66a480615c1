package org.webcare4j.core.error;

import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;

/**
 * An approval or rejection by someone who wrote or edited the publication: the four-eyes rule
 * wants another person. Ask a colleague to review it.
 */
public final class FourEyesViolationException extends PublicationStateException {
  private final String person;

  /**
   * Creates the exception.
   *
   * @param publication the publication
   * @param state its state
   * @param person who tried to review their own work
   */
  public FourEyesViolationException(PublicationId publication, PublicationState state,
      String person) {
    super(publication, state, person + " wrote or edited it and cannot also review it");
    this.person = person;
  }

  /**
   * Returns who tried to review their own work.
   *
   * @return the person's user id
   */
  public String person() {
    return person;
  }
}
