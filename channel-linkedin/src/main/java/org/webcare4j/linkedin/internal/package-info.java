/** Implementation details of the LinkedIn channel; not API, may change in any release. */
package org.webcare4j.linkedin.internal;
