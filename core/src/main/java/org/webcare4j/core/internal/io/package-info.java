/**
 * Input and output helpers with no knowledge of the rest of core, such as reading a body up to a
 * limit; not part of the API. A leaf: it depends on the error types only, so the webhook adapters
 * can use it without reaching into the rest of {@code internal}.
 */
package org.webcare4j.core.internal.io;
