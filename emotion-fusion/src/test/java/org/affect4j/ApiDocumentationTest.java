package org.affect4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import org.junit.jupiter.api.Test;

/**
 * The public API a user touches is documented: every public type, constructor, method, field and enum constant of the
 * detectors, their results, {@code Clip}, {@code Prediction} and the exceptions carries a Javadoc comment (an
 * {@code @Override} inherits its interface's), and every package of the library modules has a documented
 * {@code package-info.java}. The Javadoc build itself runs doclint on every file (broken references and HTML fail it);
 * this test adds the "nothing public left undocumented" check for the user-facing types, read from the sources with the
 * JDK's own parser.
 */
class ApiDocumentationTest {

    private static final List<String> LIBRARY_MODULES = List.of("emotion-api", "emotion-core", "emotion-audio", "emotion-vision", "emotion-fusion", "emotion-train",
            "emotion-spark");

    /** The types a user of the detectors touches (the entry point, detectors, options, results, values, errors). */
    private static final List<String> USER_API = List.of(
            "emotion-fusion/src/main/java/org/affect4j/EmotionDetector.java",
            "emotion-audio/src/main/java/org/affect4j/audio/SpeechDetector.java",
            "emotion-fusion/src/main/java/org/affect4j/VideoDetector.java",
            "emotion-fusion/src/main/java/org/affect4j/MultimodalDetector.java",
            "emotion-fusion/src/main/java/org/affect4j/VideoBuilder.java",
            "emotion-fusion/src/main/java/org/affect4j/VideoSettings.java",
            "emotion-train/src/main/java/org/affect4j/audio/train/SpeechEvaluation.java",
            "emotion-audio/src/main/java/org/affect4j/audio/SpeechTimeline.java",
            "emotion-audio/src/main/java/org/affect4j/audio/features/SpeechWindow.java",
            "emotion-api/src/main/java/org/affect4j/core/MultimodalResult.java",
            "emotion-api/src/main/java/org/affect4j/core/FusedFace.java",
            "emotion-fusion/src/main/java/org/affect4j/fusion/LateFusion.java",
            "emotion-api/src/main/java/org/affect4j/core/timeline/TimelineRow.java",
            "emotion-api/src/main/java/org/affect4j/core/timeline/TimelineProgress.java",
            "emotion-api/src/main/java/org/affect4j/core/timeline/TimelineWindows.java",
            "emotion-api/src/main/java/org/affect4j/core/VideoResult.java",
            "emotion-api/src/main/java/org/affect4j/core/FaceResult.java",
            "emotion-api/src/main/java/org/affect4j/core/FrameEmotion.java",
            "emotion-vision/src/main/java/org/affect4j/vision/expression/FaceModel.java",
            "emotion-audio/src/main/java/org/affect4j/audio/BundledSpeechModel.java",
            "emotion-audio/src/main/java/org/affect4j/audio/features/WindowPlacement.java",
            "emotion-api/src/main/java/org/affect4j/core/Affect4jException.java",
            "emotion-api/src/main/java/org/affect4j/core/CheckpointException.java",
            "emotion-api/src/main/java/org/affect4j/core/MediaException.java",
            "emotion-api/src/main/java/org/affect4j/core/SilentAudioException.java",
            "emotion-api/src/main/java/org/affect4j/core/Clip.java",
            "emotion-api/src/main/java/org/affect4j/core/Prediction.java",
            "emotion-api/src/main/java/org/affect4j/core/Emotion.java",
            "emotion-api/src/main/java/org/affect4j/core/Modality.java",
            "emotion-api/src/main/java/org/affect4j/core/Span.java",
            "emotion-api/src/main/java/org/affect4j/core/LabelOrder.java",
            "emotion-api/src/main/java/org/affect4j/core/Box.java",
            "emotion-api/src/main/java/org/affect4j/core/MissingReason.java",
            "emotion-spark/src/main/java/org/affect4j/spark/EmotionScoring.java",
            "emotion-spark/src/main/java/org/affect4j/spark/ScoreArchive.java");

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("emotion-core")) ? here : here.getParent();
    }

    @Test
    void everyPublicMemberOfTheUserApiHasJavadoc() throws IOException {
        List<Path> files = USER_API.stream().map(root()::resolve).toList();
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), "listed API source is missing (moved? update this list): " + f);
        }
        List<String> undocumented = undocumented(files);
        System.out.printf(Locale.ROOT, "ApiDocumentationTest: %d API files, %d undocumented public members%n", files.size(),
                undocumented.size());
        assertTrue(undocumented.isEmpty(), "public API without Javadoc:\n  " + String.join("\n  ", undocumented));
    }

    @Test
    void everyLibraryPackageHasADocumentedPackageInfo() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> infos = new ArrayList<>();
        for (String module : LIBRARY_MODULES) {
            Path src = root().resolve(module).resolve("src/main/java");
            try (Stream<Path> dirs = Files.walk(src)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    boolean hasSources;
                    try (Stream<Path> list = Files.list(dir)) {
                        hasSources = list.anyMatch(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"));
                    }
                    Path info = dir.resolve("package-info.java");
                    if (hasSources && !Files.isRegularFile(info)) {
                        problems.add(src.relativize(dir) + ": no package-info.java");
                    } else if (hasSources) {
                        infos.add(info);
                    }
                }
            }
        }
        for (String missing : undocumented(infos)) {
            problems.add(missing);
        }
        System.out.printf(Locale.ROOT, "ApiDocumentationTest: %d packages with package-info, %d problems%n", infos.size(), problems.size());
        assertTrue(infos.size() >= 20, "expected the library's packages, found " + infos.size());
        assertTrue(problems.isEmpty(), "packages without documentation:\n  " + String.join("\n  ", problems));
    }

    /** Public members (and package declarations) in {@code files} that have no Javadoc comment. */
    private static List<String> undocumented(List<Path> files) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, fm, null, List.of("-proc:none"), null, fm.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
                if (file.equals("package-info.java")) {
                    if (unit.getPackage() == null || docs.getDocCommentTree(new TreePath(new TreePath(unit), unit.getPackage())) == null) {
                        missing.add(unit.getPackageName() + ": package-info.java without a Javadoc comment");
                    }
                    continue;
                }
                new TreePathScanner<Void, Void>() {
                    private final List<ClassTree> enclosing = new ArrayList<>();

                    @Override
                    public Void visitClass(ClassTree t, Void v) {
                        if (!visible(t.getModifiers())) {
                            return null; // a private or package-private type: not API, nor its members
                        }
                        require("type " + t.getSimpleName());
                        enclosing.add(t);
                        try {
                            return super.visitClass(t, v);
                        } finally {
                            enclosing.remove(enclosing.size() - 1);
                        }
                    }

                    @Override
                    public Void visitMethod(MethodTree m, Void v) {
                        boolean override = m.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
                        if (visible(m.getModifiers()) && !override) {
                            String name = m.getName().contentEquals("<init>") ? "constructor" : "method " + m.getName();
                            require(name + "(" + m.getParameters().size() + " parameters)");
                        }
                        return null; // nothing public inside a method body
                    }

                    @Override
                    public Void visitVariable(VariableTree f, Void v) {
                        if (visible(f.getModifiers())) {
                            require("field " + f.getName());
                        }
                        return null;
                    }

                    private boolean visible(ModifiersTree mods) {
                        if (mods.getFlags().contains(Modifier.PUBLIC) || mods.getFlags().contains(Modifier.PROTECTED)) {
                            return true;
                        }
                        ClassTree owner = enclosing.isEmpty() ? null : enclosing.get(enclosing.size() - 1);
                        boolean inInterface = owner != null && (owner.getKind() == Tree.Kind.INTERFACE
                                || owner.getKind() == Tree.Kind.ANNOTATION_TYPE);
                        return inInterface && !mods.getFlags().contains(Modifier.PRIVATE);
                    }

                    private void require(String what) {
                        DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
                        if (doc == null) {
                            long line = unit.getLineMap().getLineNumber(docs.getSourcePositions()
                                    .getStartPosition(unit, getCurrentPath().getLeaf()));
                            missing.add(file + ":" + line + ": " + what);
                        }
                    }
                }.scan(unit, null);
            }
        }
        return missing;
    }
}
