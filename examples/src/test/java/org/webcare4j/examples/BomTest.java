package org.webcare4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The BOM manages every library module of the build, at the build's version. */
class BomTest {
  private static final Set<String> NOT_LIBRARIES = Set.of("bom", "examples", "benchmarks");

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(pom.toFile());
  }

  /** A direct child's text, such as the project's own artifactId rather than its parent's. */
  private static String child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c.getTextContent().strip();
      }
    }
    return "";
  }

  @Test
  void theBomListsEveryLibraryModuleAtTheBuildsVersion() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Element parent = read(root.resolve("pom.xml")).getDocumentElement();
    Set<String> libraries = new TreeSet<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String dir = modules.item(i).getTextContent().strip();
      if (!NOT_LIBRARIES.contains(dir)) {
        libraries.add(child(read(root.resolve(dir).resolve("pom.xml")).getDocumentElement(),
            "artifactId"));
      }
    }
    Element bom = read(root.resolve("bom/pom.xml")).getDocumentElement();
    assertEquals(child(parent, "version"), child(bom, "version"));
    Set<String> managed = new TreeSet<>();
    List<String> versions = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      managed.add(child(d, "artifactId"));
      versions.add(child(d, "version"));
    }
    assertEquals(libraries, managed);
    assertEquals(10, libraries.size(), libraries.toString());
    versions.forEach(v -> assertEquals("${project.version}", v));
  }
}
