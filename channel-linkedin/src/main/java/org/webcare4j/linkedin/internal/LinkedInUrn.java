package org.webcare4j.linkedin.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LinkedIn URN such as {@code urn:li:organization:2414183}, {@code urn:li:share:69...} or a
 * comment's compound {@code urn:li:comment:(urn:li:activity:69...,69...)}, typed so that an
 * organisation cannot be passed where a post is meant, and encoded correctly where it goes into a
 * path or query ({@link #encoded()}).
 *
 * <p>LinkedIn documents a comment's URN as {@code urn:li:comment:({activityURN},{commentId})}
 * ("Common URNs &amp; Namespaces"); webhook notifications write the same comment in
 * {@code generatedActivity} with the inner URN shortened, {@code urn:li:comment:(activity:69...,
 * 69...)}. Both are read, and kept in the documented long form, so that a comment seen through a
 * webhook and through polling is one comment.
 *
 * @param type what the URN names
 * @param id the id part: digits, letters, or a compound key in parentheses
 */
public record LinkedInUrn(Type type, String id) {
  private static final Pattern URN = Pattern.compile("urn:li:([A-Za-z]+):(.+)");
  private static final Pattern SIMPLE_ID = Pattern.compile("[A-Za-z0-9_\\-]+");
  private static final Pattern COMMENT_ID =
      Pattern.compile("\\((?:urn:li:)?(activity|share|ugcPost):([0-9]+),([0-9]+)\\)");

  /** The kinds of URN the channel works with. */
  public enum Type {
    /** An organisation page. */
    ORGANIZATION("organization"),
    /** A member. */
    PERSON("person"),
    /** A post made through the Posts or Shares API. */
    SHARE("share"),
    /** A post made as user-generated content. */
    UGC_POST("ugcPost"),
    /** A comment; its id is {@code (<activity or post urn>,<comment id>)}. */
    COMMENT("comment"),
    /** An activity (the feed item of a post). */
    ACTIVITY("activity"),
    /** An uploaded image. */
    IMAGE("image");

    private final String name;

    Type(String name) {
      this.name = name;
    }

    /**
     * Returns the type as it appears in a URN.
     *
     * @return such as {@code ugcPost}
     */
    public String urnName() {
      return name;
    }

    static Type of(String name) {
      for (Type t : values()) {
        if (t.name.equals(name)) {
          return t;
        }
      }
      throw new IllegalArgumentException("not a URN type webcare4j knows: " + name);
    }
  }

  public LinkedInUrn {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (type == Type.COMMENT) {
      Matcher m = COMMENT_ID.matcher(id);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a valid comment id: " + id);
      }
      id = "(urn:li:" + m.group(1) + ":" + m.group(2) + "," + m.group(3) + ")";
    } else if (!SIMPLE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid " + type.urnName() + " id: " + id);
    }
  }

  /**
   * Parses a URN.
   *
   * @param urn such as {@code urn:li:share:6980154989134028800}
   * @return the typed URN
   * @throws IllegalArgumentException when it is not a LinkedIn URN of a known type
   */
  public static LinkedInUrn parse(String urn) {
    Matcher m = URN.matcher(Objects.requireNonNull(urn, "urn"));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a LinkedIn URN: " + urn);
    }
    return new LinkedInUrn(Type.of(m.group(1)), m.group(2));
  }

  /**
   * Returns an organisation's URN.
   *
   * @param id the organisation's numeric id
   * @return the URN
   */
  public static LinkedInUrn organization(String id) {
    return new LinkedInUrn(Type.ORGANIZATION, id);
  }

  /**
   * Tells whether this names a post (a share or a UGC post).
   *
   * @return true for shares and UGC posts
   */
  public boolean isPost() {
    return type == Type.SHARE || type == Type.UGC_POST;
  }

  /**
   * Returns the comment's own id, the part after the comma.
   *
   * @return the id
   * @throws IllegalStateException when this is not a comment
   */
  public String commentId() {
    if (type != Type.COMMENT) {
      throw new IllegalStateException("not a comment: " + this);
    }
    Matcher m = COMMENT_ID.matcher(id);
    if (!m.matches()) {
      throw new IllegalStateException(id);
    }
    return m.group(3);
  }

  /**
   * Returns what a comment hangs under: the activity (or post) in its compound id.
   *
   * @return such as {@code urn:li:activity:7094637247890620418}
   * @throws IllegalStateException when this is not a comment
   */
  public LinkedInUrn commentedOn() {
    if (type != Type.COMMENT) {
      throw new IllegalStateException("not a comment: " + this);
    }
    Matcher m = COMMENT_ID.matcher(id);
    if (!m.matches()) {
      throw new IllegalStateException(id);
    }
    return new LinkedInUrn(Type.of(m.group(1)), m.group(2));
  }

  /**
   * Returns the URN URL-encoded, as it goes into a path segment or query value
   * ({@code urn%3Ali%3Ashare%3A123}).
   *
   * @return the encoded URN
   */
  public String encoded() {
    return URLEncoder.encode(toString(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "urn:li:" + type.urnName() + ":" + id;
  }
}
