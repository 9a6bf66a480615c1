package org.webcare4j.core.error;

import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;

/**
 * A workflow step that the publication's state does not allow, such as approving a draft that
 * was never submitted or editing one that is being published. Read the publication again and
 * act on its current state.
 */
public class PublicationStateException extends WebcareException {
  private final PublicationId publication;
  private final PublicationState state;

  /**
   * Creates the exception.
   *
   * @param publication the publication
   * @param state the state it is in
   * @param message what was refused and why
   */
  public PublicationStateException(PublicationId publication, PublicationState state,
      String message) {
    super("publication " + publication + " is " + state + ": " + message);
    this.publication = publication;
    this.state = state;
  }

  /**
   * Returns the publication.
   *
   * @return its id
   */
  public PublicationId publication() {
    return publication;
  }

  /**
   * Returns the state the publication was in.
   *
   * @return the state
   */
  public PublicationState state() {
    return state;
  }
}
