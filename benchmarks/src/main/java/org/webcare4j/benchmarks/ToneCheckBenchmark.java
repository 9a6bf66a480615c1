package org.webcare4j.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.rulebook.Rulebook;
import org.webcare4j.core.tone.RecentReply;
import org.webcare4j.core.tone.ToneChecker;
import org.webcare4j.core.tone.ToneProfile;
import org.webcare4j.core.tone.ToneRequest;
import org.webcare4j.tone.languagetool.LanguageToolSpelling;

/**
 * The time {@code ToneChecker.check} takes on a 500-character Dutch reply, as a distribution
 * (p50, p99): without the spelling checker, and with LanguageTool loaded and warm. The canned
 * check compares with 200 recent replies, as on a busy day.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ToneCheckBenchmark {
  /** 500 characters of a realistic public reply. */
  static final String REPLY = "Hoi Fatima, dank je voor je vraag over de WOZ-waarde van je woning. Ben je het niet eens met de waarde? Dan kun je tot zes weken na de datum op je aanslag bezwaar maken. Dat doe je online met DigiD. Heb je geen DigiD? Dan kun je ook een brief sturen. Zet in je brief waarom je denkt dat de waarde te hoog is, en stuur een taxatieverslag mee. Ik heb je vraag over de afvalstoffenheffing doorgezet naar mijn collega's. Je hoort binnen drie werkdagen per mail van ze. Veel succes ermee, Fatima 🙂\n^Sanne";

  private ToneChecker plain;
  private ToneChecker withSpelling;
  private LanguageToolSpelling spelling;
  private ToneRequest request;

  /**
   * Loads both checkers, waits for LanguageTool, and builds the request.
   *
   * @throws Exception when LanguageTool does not load
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (REPLY.length() != 500) {
      throw new IllegalStateException("the reply is " + REPLY.length() + " characters");
    }
    plain = ToneChecker.of(Rulebook.dutchMunicipality());
    spelling = LanguageToolSpelling.builder().build();
    withSpelling = ToneChecker.of(Rulebook.dutchMunicipality(), List.of(spelling));
    spelling.warmUp().get(2, TimeUnit.MINUTES);
    ToneRequest.Builder b = ToneRequest.reply(REPLY, ChannelKind.FACEBOOK, Visibility.PUBLIC)
        .agent(new AgentIdentity("sanne.vos", "Sanne", "SV"))
        .limits(ChannelLimits.of(8000, LengthCounter.utf16()))
        .conversation(ConversationId.of("c-0"))
        .inwonerName("Fatima El Amrani")
        .inwonerTexts(List.of("Waarom is mijn WOZ-waarde zo hoog? Mijn bsn is 111222333."));
    List<RecentReply> recent = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      recent.add(new RecentReply(ConversationId.of("c-" + (i + 1)), "Hoi, dank je voor je"
          + " bericht nummer " + i + ". De milieustraat is op zaterdag open tot vier uur. Je"
          + " kunt daar gratis je snoeiafval kwijt.\n^Sanne", java.time.Instant.now()));
    }
    request = b.recentReplies(recent).build();
  }

  /** Lets LanguageTool go. */
  @TearDown(Level.Trial)
  public void tearDown() {
    spelling.close();
  }

  /**
   * Checks the reply with the built-in rules.
   *
   * @return the report
   */
  @Benchmark
  public Object checkWithoutSpelling() {
    return plain.check(request);
  }

  /**
   * Checks the reply with the built-in rules and LanguageTool.
   *
   * @return the report
   */
  @Benchmark
  public Object checkWithSpellingWarm() {
    return withSpelling.check(request);
  }

  /**
   * Runs the benchmark and prints p50 and p99 of both.
   *
   * @param args none
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ToneCheckBenchmark.class.getSimpleName()).build()).run();
    for (RunResult r : results) {
      var stats = r.getPrimaryResult().getStatistics();
      System.out.printf("%s: p50 %.1f us, p99 %.1f us, p99.9 %.1f us (%d samples)%n",
          r.getParams().getBenchmark().replaceAll(".*\\.", ""), stats.getPercentile(50),
          stats.getPercentile(99), stats.getPercentile(99.9), stats.getN());
    }
  }
}
