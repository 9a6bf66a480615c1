/** The JDBC store's implementation. Not API: may change in any release. */
package org.webcare4j.core.internal.jdbc;
