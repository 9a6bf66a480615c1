package org.webcare4j.examples;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of every library module, read from the compiled classes on this module's class path
 * (it depends on all of them): no package cycle anywhere, and no public signature that names an
 * internal type.
 *
 * <p>There used to be one cycle of twelve packages in core, and one in each of the LinkedIn and
 * website-chat modules. Core's root package became the facade only (exceptions to {@code error},
 * value types to {@code model}), the store factories got packages of their own, the webhook body
 * reader and the text utilities went to leaf {@code internal} packages, the operation vocabulary
 * moved into the channel SPI, and the built-in tone rules into {@code rulebook}; the LinkedIn URN
 * became internal, and the chat endpoint reads the opening hours through a view of its own.
 */
class ArchitectureTest {
  private static final JavaClasses SDK = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("/org/webcare4j/examples/"))
      .importPackages("org.webcare4j");

  @Test
  void everyLibraryModuleIsRead() {
    Set<String> modules = new TreeSet<>();
    SDK.forEach(c -> modules.add(c.getPackageName().split("\\.")[2]));
    assertEquals(new TreeSet<>(Set.of("core", "email", "graph", "linkedin", "meta", "testkit",
        "tone", "webchat", "whatsapp", "x")), modules);
  }

  @Test
  void noPackageCycleInAnyModule() {
    slices().matching("org.webcare4j.(**)").should().beFreeOfCycles().check(SDK);
  }

  @Test
  void noPublicSignatureNamesAnInternalType() {
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    for (JavaClass c : SDK) {
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
    assertTrue(checked > 150, "read the public API: " + checked + " classes");
    assertEquals(List.of(), leaks);
  }

  private static boolean internal(JavaClass c) {
    String p = c.getPackageName();
    return p.contains(".internal.") || p.endsWith(".internal");
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
}
