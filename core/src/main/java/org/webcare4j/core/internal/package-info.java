/**
 * Implementation detail of webcare4j core. Not API: anything here may change in any release.
 */
package org.webcare4j.core.internal;
