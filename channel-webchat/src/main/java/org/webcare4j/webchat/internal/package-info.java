/** Implementation details of the webchat channel; not API, may change in any release. */
package org.webcare4j.webchat.internal;
