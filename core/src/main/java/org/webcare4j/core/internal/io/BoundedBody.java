package org.webcare4j.core.internal.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.webcare4j.core.error.PayloadTooLargeException;

/** Reads a request body without ever holding more than the limit. */
public final class BoundedBody {
  private BoundedBody() {}

  /**
   * Reads a body, refusing it as soon as it is known to exceed the limit.
   *
   * @param in the body stream
   * @param declaredLength the declared Content-Length, or -1 when unknown
   * @param maxBytes the limit
   * @return the body
   * @throws PayloadTooLargeException when declared or read size exceeds the limit
   * @throws IOException when reading fails
   */
  public static byte[] read(InputStream in, long declaredLength, int maxBytes) throws IOException {
    if (declaredLength > maxBytes) {
      throw new PayloadTooLargeException(maxBytes);
    }
    int initial = declaredLength >= 0 ? (int) declaredLength : Math.min(maxBytes, 8192);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 16));
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw new PayloadTooLargeException(maxBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
