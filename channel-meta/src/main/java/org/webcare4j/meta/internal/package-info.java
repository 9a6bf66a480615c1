/** Page webhook parsing and Graph API calls; not API. */
package org.webcare4j.meta.internal;
