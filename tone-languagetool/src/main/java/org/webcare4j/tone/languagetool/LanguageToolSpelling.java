package org.webcare4j.tone.languagetool;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.languagetool.JLanguageTool;
import org.languagetool.Languages;
import org.languagetool.rules.RuleMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.tone.Findings;
import org.webcare4j.core.tone.Language;
import org.webcare4j.core.tone.Severity;
import org.webcare4j.core.tone.TextSpan;
import org.webcare4j.core.tone.ToneContext;
import org.webcare4j.core.tone.ToneRule;

/**
 * The {@code SPELLING} tone rule: Dutch spelling and grammar by LanguageTool, for replies.
 *
 * <p>LanguageTool takes seconds and hundreds of megabytes to load, so it loads once, on a thread
 * of its own, the first time a reply is checked (or when {@link #warmUp()} asks), never on the
 * caller's thread. Until it is ready a check says so in one finding rather than wait, unless
 * {@link Builder#maxWait(Duration)} allows a wait. {@code JLanguageTool} is not thread-safe; a small
 * pool of instances serves concurrent checks. Suggestions are offered, never applied: LanguageTool
 * would happily turn "kutgemeente" into "kustgemeente".
 *
 * <pre>{@code
 * LanguageToolSpelling spelling = LanguageToolSpelling.builder().build();
 * spelling.warmUp();                       // optional: start loading at boot
 * Webcare webcare = Webcare.builder().store(store).toneRule(spelling).build();
 * }</pre>
 *
 * <p>Only Dutch texts are checked; a reply the engine reads as English is left alone.
 */
public final class LanguageToolSpelling implements ToneRule, AutoCloseable {
  /** The rule id. */
  public static final String ID = "SPELLING";
  private static final Logger log = LoggerFactory.getLogger(LanguageToolSpelling.class);

  private final int poolSize;
  private final Duration maxWait;
  private final Set<String> disabledRules;
  private final Set<String> acceptedWords;
  private final Object lock = new Object();
  private volatile CompletableFuture<BlockingQueue<JLanguageTool>> pool;
  private volatile Thread loader;

  private LanguageToolSpelling(Builder b) {
    this.poolSize = b.poolSize;
    this.maxWait = b.maxWait;
    this.disabledRules = Set.copyOf(b.disabledRules);
    this.acceptedWords = Set.copyOf(b.acceptedWords);
  }

  /**
   * Starts configuring the rule.
   *
   * @return a builder: a pool of 2, no waiting for the load
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARN;
  }

  @Override
  public boolean appliesTo(ChannelKind kind, Direction direction) {
    return direction == Direction.OUTBOUND;
  }

  /**
   * Starts loading LanguageTool on its own thread, if not started yet.
   *
   * @return completes when the rule is ready to check, or fails when loading failed
   */
  public CompletableFuture<Void> warmUp() {
    return loading().thenApply(p -> null);
  }

  /**
   * Tells whether LanguageTool has loaded.
   *
   * @return true when checks run at once
   */
  public boolean isReady() {
    CompletableFuture<BlockingQueue<JLanguageTool>> p = pool;
    return p != null && p.isDone() && !p.isCompletedExceptionally();
  }

  private CompletableFuture<BlockingQueue<JLanguageTool>> loading() {
    CompletableFuture<BlockingQueue<JLanguageTool>> p = pool;
    if (p != null) {
      return p;
    }
    synchronized (lock) {
      if (pool == null) {
        CompletableFuture<BlockingQueue<JLanguageTool>> future = new CompletableFuture<>();
        Thread t = new Thread(() -> load(future), "webcare4j-languagetool-loader");
        t.setDaemon(true);
        loader = t;
        pool = future;
        t.start();
      }
      return pool;
    }
  }

  private void load(CompletableFuture<BlockingQueue<JLanguageTool>> future) {
    long start = System.nanoTime();
    try {
      org.languagetool.Language dutch = Languages.getLanguageForShortCode("nl");
      BlockingQueue<JLanguageTool> tools = new ArrayBlockingQueue<>(poolSize);
      for (int i = 0; i < poolSize; i++) {
        JLanguageTool tool = new JLanguageTool(dutch);
        tool.disableRules(new ArrayList<>(disabledRules));
        tool.check("Dit is een zin om de regels te laden.");
        tools.add(tool);
      }
      log.info("LanguageTool (Dutch) loaded {} instance(s) in {} ms", poolSize,
          (System.nanoTime() - start) / 1_000_000);
      future.complete(tools);
    } catch (IOException | RuntimeException | LinkageError e) {
      log.error("LanguageTool could not be loaded; replies are not spell-checked", e);
      future.completeExceptionally(e);
    }
  }

  @Override
  public void check(ToneContext context, Findings findings) {
    if (context.language() != Language.DUTCH || context.text().isBlank()) {
      return;
    }
    CompletableFuture<BlockingQueue<JLanguageTool>> p = loading();
    BlockingQueue<JLanguageTool> tools;
    try {
      tools = maxWait.isZero() ? p.getNow(null)
          : p.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      tools = null;
    } catch (ExecutionException e) {
      findings.add(new TextSpan(0, 0), message(context, "unavailable"));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (tools == null) {
      findings.add(new TextSpan(0, 0), message(context, "loading"));
      return;
    }
    JLanguageTool tool;
    try {
      tool = tools.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    List<RuleMatch> matches;
    try {
      matches = tool.check(context.text());
    } catch (IOException e) {
      log.warn("LanguageTool failed on a text", e);
      findings.add(new TextSpan(0, 0), message(context, "unavailable"));
      return;
    } finally {
      tools.add(tool);
    }
    Set<String> names = ownNames(context);
    String text = context.text();
    for (RuleMatch m : matches) {
      int from = m.getFromPos();
      int to = Math.min(m.getToPos(), text.length());
      if (from < 0 || from >= to) {
        continue;
      }
      String covered = text.substring(from, to)
          .replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
      if (names.contains(covered.toLowerCase(Locale.ROOT))) {
        continue; // the agent's or the inwoner's name is not a spelling mistake
      }
      String message = m.getMessage().replaceAll("</?suggestion>", "'");
      List<String> suggestions = m.getSuggestedReplacements();
      TextSpan span = new TextSpan(from, to);
      if (suggestions.isEmpty()) {
        findings.add(span, message);
      } else {
        findings.suggest(span, message,
            String.join(", ", suggestions.subList(0, Math.min(3, suggestions.size()))));
      }
    }
  }

  private Set<String> ownNames(ToneContext context) {
    Set<String> names = new HashSet<>();
    acceptedWords.forEach(w -> names.add(w.toLowerCase(Locale.ROOT)));
    context.request().agent().ifPresent(a -> {
      names.add(a.firstName().toLowerCase(Locale.ROOT));
      names.add(a.initials().toLowerCase(Locale.ROOT));
    });
    context.request().inwonerName().ifPresent(n -> {
      for (String part : n.split("\\s+")) {
        names.add(part.toLowerCase(Locale.ROOT));
      }
    });
    return names;
  }

  private static String message(ToneContext context, String what) {
    boolean dutch = context.messageLanguage() == Language.DUTCH;
    return switch (what) {
      case "loading" -> dutch
          ? "Spelling nog niet gecontroleerd: de spellingcontrole wordt geladen."
          : "Spelling not checked yet: the spelling checker is loading.";
      default -> dutch
          ? "Spelling niet gecontroleerd: de spellingcontrole is niet beschikbaar."
          : "Spelling not checked: the spelling checker is unavailable.";
    };
  }

  /** Lets the loader thread go; a check after closing loads again. */
  @Override
  public void close() {
    synchronized (lock) {
      Thread t = loader;
      if (t != null) {
        t.interrupt();
      }
      pool = null;
      loader = null;
    }
  }

  @Override
  public String toString() {
    return "LanguageToolSpelling{pool=" + poolSize + ", ready=" + isReady() + "}";
  }

  /** Configures a {@link LanguageToolSpelling}. */
  public static final class Builder {
    private int poolSize = 2;
    private Duration maxWait = Duration.ZERO;
    private final Set<String> disabledRules = new HashSet<>();
    private final Set<String> acceptedWords = new HashSet<>();

    private Builder() {}

    /**
     * Sets how many LanguageTool instances check at once; each holds its own rules in memory.
     *
     * @param size 1 to 16
     * @return this builder
     */
    public Builder poolSize(int size) {
      if (size < 1 || size > 16) {
        throw new IllegalArgumentException("pool size must be 1 to 16: " + size);
      }
      this.poolSize = size;
      return this;
    }

    /**
     * Sets how long a check may wait for LanguageTool to finish loading before it reports the
     * text as not yet checked. Zero (the default) never waits.
     *
     * @param wait the longest wait
     * @return this builder
     */
    public Builder maxWait(Duration wait) {
      if (Objects.requireNonNull(wait, "wait").isNegative()) {
        throw new IllegalArgumentException("the wait must not be negative");
      }
      this.maxWait = wait;
      return this;
    }

    /**
     * Turns off a LanguageTool rule by its id, such as {@code WHITESPACE_RULE}.
     *
     * @param ruleId the LanguageTool rule id
     * @return this builder
     */
    public Builder disableRule(String ruleId) {
      disabledRules.add(Objects.requireNonNull(ruleId, "ruleId"));
      return this;
    }

    /**
     * Accepts a word LanguageTool does not know, such as a street or a scheme's name.
     *
     * @param word the word
     * @return this builder
     */
    public Builder acceptWord(String word) {
      acceptedWords.add(Objects.requireNonNull(word, "word"));
      return this;
    }

    /**
     * Builds the rule; nothing loads until the first check or {@link #warmUp()}.
     *
     * @return the rule
     */
    public LanguageToolSpelling build() {
      return new LanguageToolSpelling(this);
    }
  }
}
