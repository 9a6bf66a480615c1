package org.webcare4j.graph;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;


/**
 * Meta's webhook security, as WhatsApp, Pages, Messenger and Instagram use it: the {@code
 * hub.mode=subscribe} handshake answered with {@code hub.challenge} when {@code hub.verify_token}
 * matches, and {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app
 * secret>} on every delivery.
 */
public final class GraphWebhookVerifier {
  /** The header Meta signs deliveries in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private final HmacSignature signature;
  private final Secret verifyToken;

  /**
   * Creates a verifier.
   *
   * @param appSecret the Meta app's secret, which keys the signature
   * @param verifyToken the token the host entered when subscribing the webhook
   */
  public GraphWebhookVerifier(Secret appSecret, Secret verifyToken) {
    this.signature = HmacSignature.sha256(Objects.requireNonNull(appSecret, "appSecret"),
        HmacSignature.Encoding.HEX, "sha256=");
    this.verifyToken = Objects.requireNonNull(verifyToken, "verifyToken");
  }

  /**
   * Answers the subscription handshake: the challenge when the token matches, 403 otherwise.
   *
   * @param request the call
   * @return the answer for a {@code GET} carrying {@code hub.mode}; empty for anything else
   */
  public Optional<WebhookResponse> handshake(WebhookRequest request) {
    if (!request.method().equals("GET") || request.queryParameter("hub.mode").isEmpty()) {
      return Optional.empty();
    }
    boolean subscribe = request.queryParameter("hub.mode").get().equals("subscribe");
    boolean tokenMatches =
        verifyToken.matches(request.queryParameter("hub.verify_token").orElse(null));
    Optional<String> challenge = request.queryParameter("hub.challenge");
    if (subscribe && tokenMatches && challenge.isPresent()) {
      return Optional.of(WebhookResponse.text(200, challenge.get()));
    }
    return Optional.of(WebhookResponse.text(403, "webhook verification refused"));
  }

  /**
   * Verifies a delivery's signature over its raw body.
   *
   * @param request the delivery
   * @throws org.webcare4j.core.error.SignatureInvalidException when missing, malformed or wrong
   */
  public void verify(WebhookRequest request) {
    signature.verify(request.body(), request.header(SIGNATURE_HEADER), SIGNATURE_HEADER);
  }

  /**
   * Signs a body as Meta would; for simulators and tests.
   *
   * @param body the body
   * @return the {@code X-Hub-Signature-256} header value
   */
  public String sign(byte[] body) {
    return signature.sign(body);
  }

  /**
   * Returns a webhook endpoint that answers the handshake, verifies the signature with this
   * verifier and parses with the given parser: all a Graph channel's endpoint is.
   *
   * @param parser reads a verified body into events; throws {@link
   *     org.webcare4j.core.error.MalformedPayloadException} for a body it cannot read
   * @return the endpoint
   */
  public WebhookEndpoint endpoint(Function<byte[], InboundBatch> parser) {
    Objects.requireNonNull(parser, "parser");
    return new WebhookEndpoint() {
      @Override
      public Optional<WebhookResponse> handshake(WebhookRequest request) {
        return GraphWebhookVerifier.this.handshake(request);
      }

      @Override
      public void verify(WebhookRequest request) {
        GraphWebhookVerifier.this.verify(request);
      }

      @Override
      public InboundBatch parse(WebhookRequest request) {
        return parser.apply(request.body());
      }
    };
  }

  @Override
  public String toString() {
    return "GraphWebhookVerifier{appSecret=redacted, verifyToken=redacted}";
  }
}
