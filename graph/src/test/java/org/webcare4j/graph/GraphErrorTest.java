package org.webcare4j.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webcare4j.core.channel.RateLimitFeedback;
import org.webcare4j.core.error.AuthorizationException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.PlatformException;
import org.webcare4j.core.error.RateLimitedException;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.model.ChannelId;

/** Every Graph error code the issues name maps to the exception a caller can act on. */
class GraphErrorTest {
  private static final ChannelId WA = ChannelId.of("whatsapp-main");

  private static String body(int code, String subcode, String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":"
        + code + (subcode == null ? "" : ",\"error_subcode\":" + subcode)
        + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"the details\"},"
        + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
  }

  private static PlatformException map(int status, int code) {
    return GraphError.toException(WA, status, body(code, null, "(#" + code + ") x"),
        Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 17, 32, 613, 80001, 80007, 130429, 131048, 131056})
  void rateLimitsAreRateLimitedAndRetryable(int code) {
    RateLimitedException r = assertInstanceOf(RateLimitedException.class, map(400, code));
    assertTrue(r.isRetryable());
    assertEquals(String.valueOf(code), r.code());
    assertTrue(r.retryAfter().compareTo(Duration.ZERO) > 0);
  }

  @Test
  void waitsAsLongAsTheCodeOrThePlatformSays() {
    assertEquals(Duration.ofSeconds(1), ((RateLimitedException) map(400, 130429)).retryAfter());
    assertEquals(Duration.ofSeconds(6), ((RateLimitedException) map(400, 131056)).retryAfter(),
        "pair rate: one message every six seconds");
    RateLimitedException told = (RateLimitedException) GraphError.toException(WA, 400,
        body(80007, null, "WABA limit"), Optional.of(Duration.ofMinutes(7)));
    assertEquals(Duration.ofMinutes(7), told.retryAfter());
  }

  @Test
  void reEngagementIsAClosedWindowNamingTheTemplateRoute() {
    ReplyWindowClosedException e = assertInstanceOf(ReplyWindowClosedException.class,
        map(400, 131047));
    assertFalse(e.isRetryable());
    assertEquals("131047", e.code());
    assertTrue(e.alternative().orElseThrow().contains("template"));
  }

  @Test
  void messengerOutsideTheWindowIsAClosedWindowNamingTheHumanAgentTag() {
    ReplyWindowClosedException e = assertInstanceOf(ReplyWindowClosedException.class,
        GraphError.toException(WA, 400, body(10, "2018278", "(#10) outside of allowed window"),
            Optional.empty()));
    assertTrue(e.alternative().orElseThrow().contains("HUMAN_AGENT"));
  }

  @ParameterizedTest
  @ValueSource(ints = {190, 0, 10, 102, 200, 299})
  void authErrorsArePermanentAndNameTheChannel(int code) {
    AuthorizationException e = assertInstanceOf(AuthorizationException.class, map(401, code));
    assertFalse(e.isRetryable());
    assertTrue(e.getMessage().startsWith("whatsapp-main:"), e.getMessage());
  }

  @Test
  void keepsSubcodeTraceIdAndDetails() {
    PlatformException e = GraphError.toException(WA, 401,
        body(190, "463", "Error validating access token"), Optional.empty());
    assertEquals("463", e.subcode().orElseThrow());
    assertEquals("Az8or2yhqkZfEZ-_4Qn_Bam", e.traceId().orElseThrow());
    assertTrue(e.getMessage().contains("the details"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 131000, 131016, 133004})
  void temporaryFailuresAreRetried(int code) {
    PlatformException e = map(500, code);
    assertInstanceOf(TransientPlatformException.class, e);
    assertFalse(e instanceof RateLimitedException);
    assertTrue(e.isRetryable());
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 131026, 131051, 132000, 132001, 133010})
  void everythingElseIsPermanent(int code) {
    assertEquals(PermanentPlatformException.class, map(400, code).getClass());
  }

  @Test
  void anAnswerWithoutAGraphBodyFallsBackOnTheStatus() {
    assertInstanceOf(TransientPlatformException.class,
        GraphError.toException(WA, 503, "<html>down</html>", Optional.empty()));
    assertInstanceOf(RateLimitedException.class,
        GraphError.toException(WA, 429, "", Optional.of(Duration.ofSeconds(3))));
    assertInstanceOf(AuthorizationException.class,
        GraphError.toException(WA, 401, "", Optional.empty()));
    assertEquals(PermanentPlatformException.class,
        GraphError.toException(WA, 404, "not json", Optional.empty()).getClass());
    assertInstanceOf(TransientPlatformException.class, GraphError.toException(WA, 400,
        "{\"error\":{\"code\":368,\"is_transient\":true,\"message\":\"try later\"}}",
        Optional.empty()), "the platform's own is_transient counts");
  }

  @Test
  void usageHeadersReachTheLimiterWithTheRegainTime() {
    Response response = new Response.Builder()
        .request(new Request.Builder().url("https://graph.facebook.com/v21.0/me").build())
        .protocol(Protocol.HTTP_1_1).code(200).message("OK")
        .header("X-App-Usage", "{\"call_count\":28,\"total_time\":25,\"total_cputime\":25}")
        .header("X-Business-Use-Case-Usage", "{\"102290129340398\":[{\"type\":\"whatsapp\","
            + "\"call_count\":95,\"total_cputime\":10,\"total_time\":20,"
            + "\"estimated_time_to_regain_access\":12}]}")
        .build();
    List<String> reported = new ArrayList<>();
    RateLimitFeedback feedback = new RateLimitFeedback() {
      @Override
      public void remaining(String bucket, long remaining, long limit, Instant resetAt) {
        reported.add("remaining");
      }

      @Override
      public void usage(String bucket, double percentUsed, Optional<Duration> regainIn) {
        reported.add(bucket + " " + percentUsed + " " + regainIn.map(Duration::toMinutes)
            .map(String::valueOf).orElse("-"));
      }
    };
    assertEquals(Optional.of(Duration.ofMinutes(12)),
        GraphUsage.report(response, feedback, "messages"));
    assertEquals(List.of("messages 28.0 -", "messages 95.0 12"), reported);
  }
}
