package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training allocates and zeroes large native buffers at every op; backing them (and the Java heap) with 2 MB
 * transparent huge pages made this project's training steps about 4x faster (docs/training.md, "Training speed").
 */
final class HugePages {

    private HugePages() {
    }

    /** Prints a note on {@code err} when this JVM runs without huge pages on a kernel that offers them. */
    static void hint(PrintStream err) {
        String missing = missingSettings(readThpMode(), System.getenv("GLIBC_TUNABLES"), jvmUsesThp());
        if (!missing.isEmpty()) {
            err.println("note: training runs faster with huge pages; this JVM lacks " + missing
                    + " (e.g. GLIBC_TUNABLES=glibc.malloc.hugetlb=1 java -XX:+UseTransparentHugePages -jar ...)");
        }
    }

    /**
     * The huge-page settings missing from this process, "" when none is or when the kernel offers no transparent huge
     * pages ({@code thpMode} = the content of /sys/kernel/mm/transparent_hugepage/enabled, null when absent).
     */
    static String missingSettings(String thpMode, String glibcTunables, boolean jvmThp) {
        if (thpMode == null || thpMode.contains("[never]")) {
            return "";
        }
        List<String> missing = new ArrayList<>();
        if (glibcTunables == null || !glibcTunables.matches(".*(^|:)glibc\\.malloc\\.hugetlb=[12](:|$).*")) {
            missing.add("GLIBC_TUNABLES=glibc.malloc.hugetlb=1");
        }
        if (!jvmThp) {
            missing.add("-XX:+UseTransparentHugePages");
        }
        return String.join(" and ", missing);
    }

    private static String readThpMode() {
        try {
            return Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static boolean jvmUsesThp() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseTransparentHugePages").getValue());
        } catch (RuntimeException e) {
            return false;   // not HotSpot: the hint may be spurious, never wrong about glibc
        }
    }
}
