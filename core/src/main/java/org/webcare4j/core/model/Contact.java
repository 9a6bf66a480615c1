package org.webcare4j.core.model;

import java.util.Objects;
import java.util.Set;

/**
 * A person known to the organisation, with the handles by which they reach it on each channel.
 *
 * @param id webcare4j's id of the contact
 * @param displayName the name to show
 * @param handles the person's handles, at least one
 */
public record Contact(ContactId id, String displayName, Set<Handle> handles) {

  public Contact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    handles = Set.copyOf(handles);
    if (handles.isEmpty()) {
      throw new IllegalArgumentException("a contact has at least one handle");
    }
  }

  /**
   * Returns a copy with one more handle.
   *
   * @param handle the handle to add
   * @return the contact with the handle
   */
  public Contact withHandle(Handle handle) {
    var all = new java.util.HashSet<>(handles);
    all.add(handle);
    return new Contact(id, displayName, all);
  }
}
