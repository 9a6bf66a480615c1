package org.webcare4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in the README compiles against the modules as they are. A snippet is
 * compiled as the body of a method whose parameters are what the README takes as given (a store,
 * an HTTP server, a conversation id, ...), with every public package imported.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private static final List<String> PACKAGES = List.of("java.time", "java.util",
      "org.webcare4j.core", "org.webcare4j.core.channel", "org.webcare4j.core.error",
      "org.webcare4j.core.event", "org.webcare4j.core.http", "org.webcare4j.core.model",
      "org.webcare4j.core.outbox", "org.webcare4j.core.publish", "org.webcare4j.core.rulebook",
      "org.webcare4j.core.store", "org.webcare4j.core.store.jdbc",
      "org.webcare4j.core.store.memory", "org.webcare4j.core.tone", "org.webcare4j.core.webhook",
      "org.webcare4j.whatsapp", "org.webcare4j.meta", "org.webcare4j.x", "org.webcare4j.linkedin",
      "org.webcare4j.email", "org.webcare4j.webchat", "org.webcare4j.testkit");

  /** What each snippet, in README order, takes as given. */
  private static final Map<Integer, String> GIVEN = Map.of(
      1, "WebcareStore store, com.sun.net.httpserver.HttpServer httpServer",
      2, "Webcare webcare, ConversationId conversationId",
      3, "Webcare webcare, ChannelId facebook, ChannelId instagram, Attachment photo,"
          + " LocalDate monday, LocalDate sunday",
      4, "com.sun.net.httpserver.HttpServer httpServer, EmailChannel emailChannel,"
          + " Conversation conversation",
      5, "Webcare webcare");

  @Test
  void everyJavaSnippetInTheReadmeCompiles(@TempDir Path out) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = JAVA.matcher(readme);
    List<JavaFileObject> sources = new ArrayList<>();
    StringBuilder imports = new StringBuilder();
    PACKAGES.forEach(p -> imports.append("import ").append(p).append(".*;\n"));
    int n = 0;
    while (m.find()) {
      n++;
      String given = GIVEN.get(n);
      assertTrue(given != null, "snippet " + n + " is new: say in GIVEN what it takes as given");
      String code = imports + "class Snippet" + n + " {\n  void run(" + given
          + ") throws Exception {\n" + m.group(1) + "\n  }\n}\n";
      String name = "Snippet" + n;
      sources.add(new SimpleJavaFileObject(java.net.URI.create("string:///" + name + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return code;
        }
      });
    }
    assertEquals(GIVEN.size(), n, "snippets in the README");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok = javac.getTask(errors, null, null, List.of("-classpath",
        System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none",
        "-Xlint:none"), null, sources).call();
    assertTrue(ok, errors.toString());
  }
}
