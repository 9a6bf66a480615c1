package org.webcare4j.core.tone;

/**
 * A range of a text in UTF-16 indexes, as {@link String#substring(int, int)} takes them. An empty
 * span marks a position, such as the end of the text where a sign-off is missing.
 *
 * @param start the first index, inclusive
 * @param end the last index, exclusive
 */
public record TextSpan(int start, int end) {

  public TextSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("not a span: [" + start + ", " + end + ")");
    }
  }

  /**
   * Returns a span.
   *
   * @param start the first index, inclusive
   * @param end the last index, exclusive
   * @return the span
   */
  public static TextSpan of(int start, int end) {
    return new TextSpan(start, end);
  }

  /**
   * Returns the span's length.
   *
   * @return {@code end - start}
   */
  public int length() {
    return end - start;
  }

  /**
   * Tells whether this span shares at least one index with another.
   *
   * @param other the other span
   * @return true when they overlap
   */
  public boolean overlaps(TextSpan other) {
    return start < other.end && other.start < end;
  }

  /**
   * Returns the part of a text this span covers.
   *
   * @param text the text the span was found in
   * @return the covered part
   */
  public String of(CharSequence text) {
    return text.subSequence(start, end).toString();
  }
}
