/** The in-memory store. Not API: anything here may change in any release. */
package org.webcare4j.core.internal.memory;
