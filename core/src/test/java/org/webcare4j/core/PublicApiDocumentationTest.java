package org.webcare4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The convention that every public type and member outside an {@code internal} package carries a
 * doc comment, checked over the main sources of every module. (javac's own doclint cannot be used
 * for this on JDK 17: it asks compact record constructors for comments the record already gives.)
 */
class PublicApiDocumentationTest {

  @Test
  void everyPublicTypeAndMemberIsDocumented() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/internal/"))
          .filter(p -> !p.getFileName().toString().equals("package-info.java"))
          .toList();
    }
    assertTrue(sources.size() > 50, "found the module sources under " + root);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> undocumented = new ArrayList<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      JavacTask task = (JavacTask) compiler.getTask(null, files, d -> { }, List.of(), null, units);
      DocTrees docs = DocTrees.instance(task);
      SourcePositions positions = docs.getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        CharSequence source = unit.getSourceFile().getCharContent(true);
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitClass(ClassTree type, Void unused) {
            if (isPublicApi(getCurrentPath())) {
              check(type.getSimpleName().toString());
            }
            return super.visitClass(type, unused);
          }

          @Override
          public Void visitMethod(MethodTree method, Void unused) {
            boolean compactConstructor = method.getName().contentEquals("<init>")
                && enclosingKind() == Tree.Kind.RECORD
                && isCompact(method);
            boolean override = method.getModifiers().getAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
            if (!compactConstructor && !override && isPublicApi(getCurrentPath())) {
              check(enclosingName() + "." + method.getName());
            }
            return null;
          }

          @Override
          public Void visitVariable(VariableTree field, Void unused) {
            if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree owner
                && owner.getKind() != Tree.Kind.RECORD
                && isPublicApi(getCurrentPath())) {
              check(enclosingName() + "." + field.getName());
            }
            return null;
          }

          /** A compact canonical constructor has no parameter list in the source. */
          private boolean isCompact(MethodTree method) {
            long start = positions.getStartPosition(unit, method);
            long body = positions.getStartPosition(unit, method.getBody());
            return !source.subSequence((int) start, (int) body).toString().contains("(");
          }

          private Tree.Kind enclosingKind() {
            return getCurrentPath().getParentPath().getLeaf().getKind();
          }

          private String enclosingName() {
            return getCurrentPath().getParentPath().getLeaf() instanceof ClassTree c
                ? c.getSimpleName().toString() : "?";
          }

          /** Public (or implicitly public in an interface) all the way up to the file. */
          private boolean isPublicApi(TreePath path) {
            for (TreePath p = path; p != null; p = p.getParentPath()) {
              Tree leaf = p.getLeaf();
              Tree parent = p.getParentPath() == null ? null : p.getParentPath().getLeaf();
              boolean inInterface = parent != null
                  && (parent.getKind() == Tree.Kind.INTERFACE
                      || parent.getKind() == Tree.Kind.ANNOTATION_TYPE);
              if (leaf instanceof ClassTree c && !c.getModifiers().getFlags()
                  .contains(Modifier.PUBLIC) && !inInterface) {
                return false;
              }
              if (leaf instanceof MethodTree m && !m.getModifiers().getFlags()
                  .contains(Modifier.PUBLIC) && !inInterface) {
                return false;
              }
              if (leaf instanceof VariableTree v && !v.getModifiers().getFlags()
                  .contains(Modifier.PUBLIC) && !inInterface) {
                return false;
              }
            }
            return true;
          }

          private void check(String what) {
            if (docs.getDocCommentTree(getCurrentPath()) == null) {
              undocumented.add(unit.getSourceFile().getName().replace(root + "/", "") + ": "
                  + what);
            }
          }
        }.scan(unit, null);
      }
    }
    assertEquals(List.of(), undocumented);
  }
}
