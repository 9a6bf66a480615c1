package org.webcare4j.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.webcare4j.core.ReplyDraft;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.tone.Finding;
import org.webcare4j.core.tone.ToneReport;
import org.webcare4j.core.webhook.WebhookHttpHandler;
import org.webcare4j.graph.GraphWebhookVerifier;
import org.webcare4j.testkit.WhatsAppSimulator;
import org.webcare4j.whatsapp.WhatsAppChannel;

/**
 * The inbox demo on the embedded default: an H2 file database, a WhatsApp channel mounted in the
 * JDK's HTTP server, signed deliveries posted to it the way Meta posts them, and the resulting
 * inbox printed. Run it twice: the data survives, and the second run's deliveries are recognised
 * as duplicates.
 *
 * <p>Run with {@code mvn -q -pl examples -am compile exec:java}; the database lives in {@code
 * webcare4j-demo-data} unless a directory is given as the first argument.
 */
public final class InboxDemo {
  // made at each start: a fixed secret in a demo is a secret its readers copy
  private static final Secret APP_SECRET = Secret.of(java.util.UUID.randomUUID().toString());
  private static final Secret VERIFY_TOKEN = Secret.of(java.util.UUID.randomUUID().toString());
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.of("Europe/Amsterdam"));

  private InboxDemo() {}

  /**
   * Runs the demo.
   *
   * @param args ignored
   * @throws Exception when the embedded server cannot start
   */
  public static void main(String[] args) throws Exception {
    run(Path.of(args.length > 0 ? args[0] : "webcare4j-demo-data"), System.out);
  }

  /**
   * Runs the demo, printing to the given stream.
   *
   * @param dataDirectory where the embedded database lives
   * @param out where to print
   * @return the number of conversations in the inbox afterwards
   * @throws Exception when the embedded server cannot start
   */
  public static int run(Path dataDirectory, PrintStream out) throws Exception {
    // The WhatsApp Cloud API, simulated on a local port: replies really go out over HTTP.
    WhatsAppSimulator cloudApi = WhatsAppSimulator.builder().appSecret(APP_SECRET)
        .webhookPath("/webhooks/whatsapp-gemeente").build();
    WhatsAppChannel whatsapp = WhatsAppChannel.builder(ChannelId.of("whatsapp-gemeente"))
        .phoneNumberId(cloudApi.phoneNumberId())
        .appSecret(APP_SECRET)
        .verifyToken(VERIFY_TOKEN)
        .baseUrl(cloudApi.baseUrl())
        .accessToken(cloudApi.accessToken())
        .build();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    try (cloudApi; JdbcWebcareStore store = JdbcWebcareStore.embedded(dataDirectory);
        Webcare webcare = Webcare.builder()
        .store(store)
        .channel(whatsapp)
        .listener(record -> out.println("  event " + record.sequence() + ": "
            + record.event().getClass().getSimpleName()))
        .build()) {
      WebhookHttpHandler.mount(server, "/webhooks", webcare.webhooks());
      server.start();
      URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
          + "/webhooks/whatsapp-gemeente");
      out.println("webcare4j inbox demo: webhooks listening on " + hook + ", data in "
          + dataDirectory.toAbsolutePath());

      HttpClient http = HttpClient.newHttpClient();
      GraphWebhookVerifier meta = new GraphWebhookVerifier(APP_SECRET, VERIFY_TOKEN);
      String challenge = http.send(HttpRequest.newBuilder(URI.create(hook
          + "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN.reveal()
          + "&hub.challenge=8372")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      out.println("subscription handshake answered with challenge " + challenge);

      long now = Instant.now().getEpochSecond() / 60 * 60;
      cloudApi.customerWrote("31612345678", Instant.ofEpochSecond(now - 600));
      for (String payload : List.of(
          inwoner("31612345678", "Jan de Vries", "wamid.demo.1", now - 3600,
              "Goedemorgen, mijn grijze container is vanochtend niet geleegd. Hoe kan dat?"),
          inwoner("31687654321", "Fatima El Amrani", "wamid.demo.2", now - 1800,
              "Wanneer krijg ik de WOZ-beschikking voor dit jaar?"),
          inwoner("31612345678", "Jan de Vries", "wamid.demo.3", now - 600,
              "Het gaat om de Dorpsstraat, aan de even kant."),
          inwoner("31655555555", "Kees", "wamid.demo.4", now - 300,
              "Wat een kutgemeente. Al weken wacht ik op antwoord en niemand reageert!"))) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        for (String signature : List.of(meta.sign(body), "sha256=" + "0".repeat(64))) {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(hook)
                  .header("Content-Type", "application/json")
                  .header(GraphWebhookVerifier.SIGNATURE_HEADER, signature)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          out.println("POST " + body.length + " bytes, "
              + (signature.endsWith("0000") ? "forged signature" : "signed by the app secret")
              + " -> " + response.statusCode() + " " + response.body());
        }
      }
      server.stop(0);

      List<Conversation> inbox = webcare.inbox().query(InboxQuery.all()).items();
      out.println();
      out.println("Inbox (" + inbox.size() + " conversations, newest first):");
      for (Conversation c : inbox) {
        out.println("- " + c.channel() + " " + c.visibility() + " " + c.state() + " with "
            + c.participants().get(0).displayName() + ", reply window open until "
            + c.replyWindow().closesAt().map(TIME::format).orElse("-")
            + (c.flags().isEmpty() ? "" : ", flagged " + c.flags()));
        for (Message m : webcare.inbox().messages(c.id())) {
          out.println("    [" + TIME.format(m.sentAt()) + "] " + m.text());
        }
      }

      // A reply is checked against the tone rules before it can be sent.
      Conversation jan = inbox.stream()
          .filter(c -> c.participants().get(0).displayName().startsWith("Jan")).findFirst()
          .orElseThrow();
      ReplyDraft draft = webcare.compose(jan.id())
          .agent(new AgentIdentity("sanne.vos", "Sanne", "SV"))
          .text("Hoi Jan, vervelend dat je container niet is geleegd. Volgens mij komt de"
              + " wagen morgen. Ik vind dat de inzameling beter kan.");
      ToneReport report = draft.check();
      out.println();
      out.println("Tone check of a draft reply to Jan (" + (report.sendable() ? "sendable"
          : "blocked") + "):");
      out.println("  \"" + draft.text() + "\"");
      for (Finding f : report.findings()) {
        out.println("  " + f.severity() + " " + f.rule() + " at '" + f.span().of(draft.text())
            + "': " + f.message()
            + f.suggestion().map(x -> " (" + x.replace("\n", "\\n") + ")").orElse(""));
      }
      report.fixedText().ifPresent(t -> out.println("  with safe fixes: \""
          + t.replace("\n", "\\n") + "\""));

      // A good reply goes out through the outbox to the (simulated) Cloud API. The idempotency
      // key makes a second run of the demo find it sent instead of sending it again.
      ReplyDraft good = webcare.compose(jan.id()).agent(new AgentIdentity("sanne.vos", "Sanne",
              "SV"))
          .text("Hoi Jan, vervelend dat je container niet is geleegd. Ik heb het gemeld bij de"
              + " inzameldienst. Ze komen morgen langs om hem alsnog te legen.")
          .idempotencyKey("demo-reply-jan");
      good.applyFixes();
      OutboxEntry sent = good.send().await(Duration.ofSeconds(10));
      String wamid = sent.result().flatMap(r -> r.platformId()).orElse("-");
      out.println();
      out.println("Reply to Jan: " + sent.state() + " as " + wamid + " ("
          + cloudApi.sent().size() + " message(s) sent to the Cloud API in this run)");
      for (String status : List.of("delivered", "read")) {
        webcare.webhooks().handle(cloudApi.status(wamid, status));
      }
      Message reply = webcare.inbox().messages(jan.id()).stream()
          .filter(m -> m.platformId().equals(java.util.Optional.of(wamid))).findFirst()
          .orElseThrow();
      out.println("  delivery status " + reply.status() + " after the platform's status"
          + " webhooks");
      return inbox.size();
    } finally {
      server.stop(0);
    }
  }

  private static String inwoner(String waId, String name, String id, long ts, String text) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"31201234567",
        "phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
        "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]},
        "field":"messages"}]}]}""".formatted(name, waId, waId, id, ts, text);
  }
}
