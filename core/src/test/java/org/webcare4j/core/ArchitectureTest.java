package org.webcare4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of core, read from its compiled classes: no public signature names an internal
 * type, and no package cycle exists.
 */
class ArchitectureTest {
  private static final String ROOT = "org.webcare4j.core";

  /**
   * Core's package cycles: none. There was one of twelve packages. The root package and {@code
   * http} left it when the exceptions, {@code Secret}, {@code Page} and {@code InboxQuery} moved out
   * of the root package; {@code internal.jdbc} and {@code internal.memory} when the store factories
   * moved to {@code store.jdbc} and {@code store.memory}; the webhook adapters when their body
   * reader moved to the leaf {@code internal.io}; {@code channel} and {@code outbox} when the
   * operation vocabulary moved into the channel SPI; and {@code tone} and {@code internal.tone}
   * when the built-in rules and profile moved to {@code rulebook} and the word splitter and
   * messages to the leaf {@code internal.text}. Keep it empty.
   */
  private static final Set<Set<String>> CYCLES_TODAY = Set.of();

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  private static String relative(String pkg) {
    return pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
  }

  private static boolean internal(JavaClass c) {
    return c.getPackageName().equals(ROOT + ".internal")
        || c.getPackageName().startsWith(ROOT + ".internal.")
        || c.getPackageName().contains(".internal.") || c.getPackageName().endsWith(".internal");
  }

  @Test
  void noPublicSignatureNamesAnInternalType() {
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    for (JavaClass c : CORE) {
      if (internal(c) || !c.getModifiers().contains(JavaModifier.PUBLIC) || c.isAnonymousClass()
          || isHiddenNested(c)) {
        continue;
      }
      checked++;
      List<JavaType> exposed = new ArrayList<>();
      c.getRawSuperclass().ifPresent(exposed::add);
      exposed.addAll(c.getInterfaces());
      for (JavaCodeUnit u : c.getCodeUnits()) {
        if (visible(u.getModifiers())) {
          exposed.add(u.getReturnType());
          exposed.addAll(u.getParameterTypes());
          exposed.addAll(u.getThrowsClause().getTypes());
        }
      }
      for (JavaField f : c.getFields()) {
        if (visible(f.getModifiers())) {
          exposed.add(f.getType());
        }
      }
      for (JavaType t : exposed) {
        for (JavaClass raw : t.getAllInvolvedRawTypes()) {
          if (internal(raw)) {
            leaks.add(c.getName() + " exposes " + raw.getName());
          }
        }
      }
    }
    assertTrue(checked > 100, "read the public API: " + checked + " classes");
    assertEquals(List.of(), leaks);
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isHiddenNested(JavaClass c) {
    for (JavaClass o = c; o.getEnclosingClass().isPresent(); o = o.getEnclosingClass().get()) {
      if (!o.getEnclosingClass().get().getModifiers().contains(JavaModifier.PUBLIC)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void thePackageCycleDoesNotGrow() {
    Map<String, Set<String>> edges = new TreeMap<>();
    for (JavaClass c : CORE) {
      String from = relative(c.getPackageName());
      edges.computeIfAbsent(from, k -> new TreeSet<>());
      c.getDirectDependenciesFromSelf().forEach(d -> {
        String to = d.getTargetClass().getPackageName();
        if ((to.equals(ROOT) || to.startsWith(ROOT + ".")) && !to.equals(c.getPackageName())) {
          edges.get(from).add(relative(to));
        }
      });
    }
    List<Set<String>> cycles = new ArrayList<>();
    for (Set<String> component : components(edges)) {
      if (component.size() > 1) {
        cycles.add(component);
      }
    }
    System.out.println("core package cycles: " + cycles);
    for (Set<String> cycle : cycles) {
      edges.forEach((from, tos) -> {
        if (cycle.contains(from)) {
          System.out.println("  " + (from.isEmpty() ? "(root)" : from) + " -> "
              + tos.stream().filter(cycle::contains).map(t -> t.isEmpty() ? "(root)" : t).toList());
        }
      });
    }
    assertEquals(CYCLES_TODAY, Set.copyOf(cycles),
        "the package cycles changed: shrink CYCLES_TODAY when they got smaller, never grow it");
  }

  /** Strongly connected components (Tarjan). */
  private static List<Set<String>> components(Map<String, Set<String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new java.util.HashSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : edges.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, edges, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> edges,
      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<Set<String>> out, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : edges.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, edges, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      out.add(component);
    }
  }
}
