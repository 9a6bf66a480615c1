package org.webcare4j.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxPolicyTest {
  @Test
  void aBuilderStartsFromTheDefaultsAndChangesOnlyWhatItIsTold() {
    OutboxPolicy d = OutboxPolicy.defaults();
    assertEquals(8, d.maxAttempts());
    assertEquals(Duration.ofSeconds(30), d.leaseDuration());
    assertEquals(d, OutboxPolicy.builder().build());
    OutboxPolicy p = OutboxPolicy.builder().maxAttempts(3).retryDelay(Duration.ofSeconds(1))
        .build();
    assertEquals(3, p.maxAttempts());
    assertEquals(Duration.ofSeconds(1), p.retryDelay());
    assertEquals(d.maxRetryDelay(), p.maxRetryDelay());
    assertEquals(d.concurrencyPerChannel(), p.concurrencyPerChannel());
    assertNotEquals(d, p);
    assertEquals(p, p.toBuilder().build());
    assertEquals(p.hashCode(), p.toBuilder().build().hashCode());
    assertTrue(p.toString().contains("maxAttempts=3"), p.toString());
  }

  @Test
  void nonsenseIsRefusedWithTheSettingNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OutboxPolicy.builder().maxAttempts(0).build()).getMessage()
        .contains("maxAttempts"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OutboxPolicy.builder().pollInterval(Duration.ZERO)).getMessage()
        .contains("pollInterval"));
    assertThrows(NullPointerException.class, () -> OutboxPolicy.builder().retryDelay(null));
    assertThrows(IllegalArgumentException.class, () -> OutboxPolicy.builder()
        .retryDelay(Duration.ofMinutes(20)).build(), "above maxRetryDelay");
    assertThrows(IllegalArgumentException.class, () -> OutboxPolicy.builder()
        .pollInterval(Duration.ofSeconds(20)).build(), "lease under three poll intervals");
  }
}
