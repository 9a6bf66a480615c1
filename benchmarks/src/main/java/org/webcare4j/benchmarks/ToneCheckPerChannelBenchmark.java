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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.rulebook.Rulebook;
import org.webcare4j.core.tone.ToneChecker;
import org.webcare4j.core.tone.ToneCorpus;
import org.webcare4j.core.tone.ToneProfile;
import org.webcare4j.core.tone.ToneRequest;

/**
 * The time {@code ToneChecker.check} takes on the 500-character reply of {@link
 * ToneCheckBenchmark}, without spelling, on every channel kind with that channel's own length
 * limit and way of counting (those of the tone corpus): on X the reply is over the limit, so the check must also find where
 * the excess starts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ToneCheckPerChannelBenchmark {
  /** The channel kind the reply is checked for. */
  @Param({"X", "FACEBOOK", "INSTAGRAM", "MESSENGER", "WHATSAPP", "LINKEDIN", "EMAIL", "WEBCHAT"})
  public String kind;

  private ToneChecker checker;
  private ToneRequest request;

  /** Builds the checker and the request for this channel kind. */
  @Setup(Level.Trial)
  public void setUp() {
    ChannelKind k = ChannelKind.valueOf(kind);
    checker = ToneChecker.of(Rulebook.dutchMunicipality());
    request = ToneRequest.reply(ToneCheckBenchmark.REPLY, k,
            k == ChannelKind.EMAIL || k == ChannelKind.WEBCHAT || k == ChannelKind.WHATSAPP
                || k == ChannelKind.MESSENGER ? Visibility.PRIVATE : Visibility.PUBLIC)
        .agent(new AgentIdentity("sanne.vos", "Sanne", "SV"))
        .limits(ToneCorpus.limits(k))
        .conversation(ConversationId.of("c-0"))
        .inwonerName("Fatima El Amrani")
        .inwonerTexts(List.of("Waarom is mijn WOZ-waarde zo hoog?"))
        .build();
  }

  /**
   * Checks the reply with the built-in rules.
   *
   * @return the report
   */
  @Benchmark
  public Object check() {
    return checker.check(request);
  }

  /**
   * Runs the benchmark and prints p50 and p99 per channel kind.
   *
   * @param args none
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ToneCheckPerChannelBenchmark.class.getSimpleName()).build()).run();
    for (RunResult r : results) {
      var stats = r.getPrimaryResult().getStatistics();
      System.out.printf("%s: p50 %.1f us, p99 %.1f us (%d samples)%n",
          r.getParams().getParam("kind"), stats.getPercentile(50), stats.getPercentile(99),
          stats.getN());
    }
  }
}
