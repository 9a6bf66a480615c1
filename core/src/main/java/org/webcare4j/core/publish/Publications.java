package org.webcare4j.core.publish;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;

/**
 * The publishing workflow: write, validate, approve, schedule, publish, pause. Obtain it from
 * {@code Webcare.publications()}.
 *
 * <p>The states, in {@link org.webcare4j.core.model.PublicationState}: a publication is written as
 * a {@code DRAFT}; {@link #schedule} validates it on every channel and, where the {@link
 * PublishingPolicy} requires approval, sends it to {@code AWAITING_APPROVAL}, else straight to
 * {@code SCHEDULED}. An approver who did not write or edit it {@link #approve approves} (to {@code
 * SCHEDULED}) or {@link #reject rejects} it with a comment ({@code REJECTED}). At its time the
 * scheduler hands one post per channel to the outbox ({@code PUBLISHING}); each channel's outcome
 * is recorded with the platform's post id and link, ending in {@code PUBLISHED} or {@code FAILED}.
 * A publication whose time passed while no instance ran goes out on start within the grace
 * period, else it waits in {@code NEEDS_ATTENTION} for a person to {@link #release} or {@link
 * #withdraw} it.
 *
 * <p>{@link #crisisPause} holds everything not yet published, on every instance sharing the store,
 * in {@code PAUSED}; while it is in force, whatever gets approved or scheduled is paused too. A
 * person releases paused publications one by one ({@link #release}) or all at once, ending the
 * pause ({@link #releaseAll}).
 *
 * <p>Every change is in the audit trail ({@link #history}). Methods that take a person take their
 * user id, as the host's login knows them.
 */
public interface Publications {

  /**
   * Writes a new publication as a draft.
   *
   * @param author the author's user id
   * @param draft the content and channels
   * @return the stored draft
   * @throws IllegalArgumentException when a channel is not registered with this {@code Webcare}
   */
  Publication create(String author, PublicationDraft draft);

  /**
   * Replaces a publication's content. A scheduled or submitted publication goes back to draft
   * when approval is required (and is validated again when scheduled); without approval a
   * scheduled one stays scheduled if the new content is valid.
   *
   * @param id the publication
   * @param editor who edits
   * @param draft the new content and channels
   * @return the saved publication
   * @throws org.webcare4j.core.error.PublicationStateException when it is being published or done
   * @throws org.webcare4j.core.publish.InvalidPublicationException when it stays scheduled and the new
   *     content does not validate
   */
  Publication edit(PublicationId id, String editor, PublicationDraft draft);

  /**
   * Validates a publication on each of its channels: the channel's post rules and the tone rules.
   *
   * @param id the publication
   * @return the report
   */
  PublicationReport validate(PublicationId id);

  /**
   * Validates content that is not stored yet, for live feedback while writing.
   *
   * @param draft the content
   * @return the report
   */
  PublicationReport validate(PublicationDraft draft);

  /**
   * Schedules a publication at a moment; the zone of {@code at} is kept for display.
   *
   * @param id the publication
   * @param by who schedules
   * @param at when to publish
   * @return the publication, awaiting approval or scheduled (paused during a crisis pause)
   * @throws org.webcare4j.core.publish.InvalidPublicationException when a channel's variant does not
   *     validate
   * @throws IllegalArgumentException when {@code at} is in the past
   */
  Publication schedule(PublicationId id, String by, ZonedDateTime at);

  /**
   * Schedules a publication at a wall-clock time in the policy's zone. Across a change to or from
   * summer time the wall-clock time is kept: 09:00 is 09:00 on either side of the change.
   *
   * @param id the publication
   * @param by who schedules
   * @param at the local date and time
   * @return the publication, awaiting approval or scheduled
   * @throws IllegalArgumentException when that time does not exist in the zone (it falls in the
   *     hour skipped when summer time starts) or is in the past
   */
  Publication schedule(PublicationId id, String by, LocalDateTime at);

  /**
   * Approves a submitted publication.
   *
   * @param id the publication
   * @param approver who approves; not its author or an editor
   * @param comment a comment for the trail, may be empty
   * @return the scheduled publication (published at once if its time has passed)
   * @throws org.webcare4j.core.error.FourEyesViolationException when the approver wrote or edited it
   */
  Publication approve(PublicationId id, String approver, String comment);

  /**
   * Rejects a submitted publication; it goes back to its author.
   *
   * @param id the publication
   * @param approver who rejects; not its author or an editor
   * @param comment why; required
   * @return the rejected publication
   * @throws org.webcare4j.core.error.FourEyesViolationException when the approver wrote or edited it
   */
  Publication reject(PublicationId id, String approver, String comment);

  /**
   * Takes a publication that is not yet publishing back to draft.
   *
   * @param id the publication
   * @param by who withdraws it
   * @param reason why
   * @return the draft
   */
  Publication withdraw(PublicationId id, String by, String reason);

  /**
   * Pauses everything not yet published, on all channels and all instances sharing the store,
   * and keeps pausing what gets scheduled until {@link #releaseAll}. A post already being handed
   * to a platform at this moment cannot be called back; everything else stays.
   *
   * @param by who pauses
   * @param reason why
   * @return the pause in force
   */
  CrisisPause crisisPause(String by, String reason);

  /**
   * Returns the crisis pause in force, if any.
   *
   * @return the pause
   */
  Optional<CrisisPause> crisisPause();

  /**
   * Releases one paused publication, or one that missed its time: it is scheduled again and, if
   * its time has passed, published now. A crisis pause stays in force for the others.
   *
   * @param id the publication
   * @param by who releases it
   * @return the publication
   */
  Publication release(PublicationId id, String by);

  /**
   * Ends the crisis pause and releases every paused publication.
   *
   * @param by who releases
   * @return how many publications were released
   */
  int releaseAll(String by);

  /**
   * Publishes a failed publication again on the channels where it failed, for example once the
   * platform's refusal has been dealt with; channels where it was published are left alone. Under
   * a crisis pause it is paused instead, like anything else that would go out.
   *
   * @param id the publication
   * @param by who retries it
   * @return the publication, publishing again (or paused)
   * @throws org.webcare4j.core.error.PublicationStateException when it has not failed
   */
  Publication retry(PublicationId id, String by);

  /**
   * Reads a publication.
   *
   * @param id its id
   * @return the publication, if stored
   */
  Optional<Publication> get(PublicationId id);

  /**
   * Lists the publications in one state, by schedule time: those awaiting approval, paused, or
   * needing attention, for instance.
   *
   * @param state the state
   * @param limit the most to return
   * @return the publications
   */
  List<Publication> list(PublicationState state, int limit);

  /**
   * Returns a publication's audit trail.
   *
   * @param id the publication
   * @return every change, oldest first
   */
  List<PublicationEvent> history(PublicationId id);

  /**
   * Returns the planner's calendar: scheduled (and published) publications per day and channel.
   *
   * @param query the days, channels and states
   * @return every day of the range, with its entries by time
   */
  List<CalendarDay> calendar(CalendarQuery query);
}
