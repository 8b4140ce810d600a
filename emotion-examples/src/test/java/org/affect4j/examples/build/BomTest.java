package org.affect4j.examples.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so importing it manages only Affect4J's artifacts): its own version and every version it
 * manages must be the project's, and it must manage exactly the library modules. The consumer project imports it
 * (emotion-examples/consumer, built and run by {@code mvn -B verify}), which checks that it resolves.
 */
class BomTest {

    @Test
    void bomManagesEveryLibraryModuleAtTheProjectVersion() throws Exception {
        String version = text(child(read(Path.of("..", "pom.xml")), "version"));
        Element bom = read(Path.of("..", "emotion-bom", "pom.xml"));
        assertEquals(version, text(child(bom, "version")), "emotion-bom's version");
        List<String> managed = new ArrayList<>();
        NodeList deps = child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertEquals("org.affect4j", text(child(d, "groupId")));
            assertEquals(version, text(child(d, "version")), text(child(d, "artifactId")));
            managed.add(text(child(d, "artifactId")));
        }
        // exactly the library modules, in the build's order: every module but the BOM itself, the CLI and the benchmarks
        List<String> libraries = new ArrayList<>();
        NodeList modules = child(read(Path.of("..", "pom.xml")), "modules").getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String m = text((Element) modules.item(i));
            if (!List.of("emotion-bom", "emotion-examples", "benchmarks").contains(m)) {
                libraries.add(m);
            }
        }
        System.out.println("library modules: " + libraries + "; managed by the BOM: " + managed);
        assertEquals(List.of("emotion-api", "emotion-core", "emotion-audio", "emotion-vision", "emotion-fusion", "emotion-train",
                "emotion-spark"), libraries, "the build's library modules (a new one must be added to the BOM and here)");
        assertEquals(libraries, managed);
    }

    private static Element read(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return doc.getDocumentElement();
    }

    /** The first direct child element named {@code name}. */
    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(e.getTagName() + " has no <" + name + ">");
    }

    private static String text(Element e) {
        return e.getTextContent().strip();
    }
}
