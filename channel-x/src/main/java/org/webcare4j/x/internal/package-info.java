/** Implementation details of the X channel; not API, may change in any release. */
package org.webcare4j.x.internal;
