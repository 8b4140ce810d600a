package org.affect4j.examples.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a first page (at most 200 lines; the rest lives in docs/), and every relative link in the README,
 * the model card, the changelog and docs/ (results included) points at a file or folder that exists.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void readmeIsAtMost200Lines() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
        System.out.println("README.md: " + lines + " lines");
        assertTrue(lines <= 200, "README.md has " + lines + " lines; move detail to docs/");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("MODEL_CARD.md"), ROOT.resolve("CHANGELOG.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue;   // web links and anchors within the page
                }
                checked++;
                Path resolved = page.getParent().resolve(target.replaceFirst("#.*", "")).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target);
                }
            }
        }
        System.out.println(pages.size() + " pages, " + checked + " relative links checked, " + broken.size() + " broken");
        assertTrue(checked > 20, "expected the docs' links, found " + checked);
        assertTrue(broken.isEmpty(), "broken links:\n  " + String.join("\n  ", broken));
    }
}
