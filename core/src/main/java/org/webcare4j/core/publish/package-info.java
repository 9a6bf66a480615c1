/**
 * Publishing: publications with per-channel variants, validated per channel, approved by a second
 * person where the policy says so, scheduled in the organisation's time zone and published by a
 * scheduler through the outbox; a crisis pause holds everything not yet published until a person
 * releases it. Start at {@link org.webcare4j.core.publish.Publications}.
 */
package org.webcare4j.core.publish;
