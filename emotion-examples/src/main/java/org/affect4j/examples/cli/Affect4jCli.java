package org.affect4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.affect4j.core.Affect4jException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code affect4j} command line: one picocli subcommand class per command ({@code predict}, {@code eval},
 * {@code timeline}, training and cross-validation commands, {@code export}, {@code ensemble}, {@code degrade}), the
 * option groups they share as mixins ({@link SpeechModelOptions}, {@link FaceModelOptions}, {@link TrainingOptions}),
 * help generated from the annotations ({@code affect4j --help}, {@code affect4j <command> --help}), {@code --version}
 * and a bash/zsh completion script ({@code affect4j generate-completion}).
 *
 * <p>Exit codes: 0 ok, 1 bad input or model error (a typed message naming the file), 2 usage error.
 */
@Command(name = "affect4j", mixinStandardHelpOptions = true, versionProvider = Affect4jCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Emotion recognition from speech and face video, natively on the JVM (Affect4J).",
                "Speech models: none given = the bundled default (the utterance model: any sample rate, telephone audio);"
                        + " --bundled utterance|seed-recipe|speaker-normalised|robust; --model <affect4j.zip>; or the seed's"
                        + " --checkpoint <model.pt> --scaler <scaler.pkl>. Run 'affect4j <command> --help' for a command's options."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:bad input or model error (the message names the file and the cause)", "2:usage error"},
        subcommands = {PredictCommand.class, EvalCommand.class, TimelineCommand.class, TrainCommand.class, CvCommand.class,
                ExportCommand.class, EnsembleCommand.class, DegradeCommand.class, TrainUtteranceCommand.class,
                CvUtteranceCommand.class, TrainFaceCommand.class, EvalFaceCommand.class, ActionUnitFusionCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Affect4jCli implements Callable<Integer> {

    /** Exit code of a usage error (picocli's default for invalid input). */
    static final int USAGE_ERROR = 2;
    /** Exit code of bad input or a model error. */
    static final int INPUT_ERROR = 1;

    final PrintStream out;
    final PrintStream err;

    Affect4jCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command and its options; none prints the usage
     */
    public static void main(String[] args) {
        PrintStream stdout = System.out;
        // DL4J M2.1 prints a line per op on System.out while differentiating a training graph; the CLI's own output
        // keeps the real standard output
        System.setOut(new PrintStream(new DroppingLineStream(stdout, "Added differentiated op "), true));
        System.exit(new Affect4jCli(stdout, System.err).run(args));
    }

    /** No command given: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        err.println("error: give a command");
        new CommandLine(this).usage(err);
        return USAGE_ERROR;
    }

    /** Parses {@code args}, runs the command, maps its failures to exit codes; output goes to this CLI's streams. */
    int run(String... args) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(this)
                .setOut(o)
                .setErr(e)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((ex, given) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println("error: " + ex.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
                    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
                    cmd.getErr().flush();
                    return USAGE_ERROR;
                })
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    if (ex instanceof UsageException) {
                        cmd.getErr().println("error: " + ex.getMessage());
                        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
                        cmd.getErr().flush();
                        return USAGE_ERROR;
                    }
                    if (ex instanceof Affect4jException || ex instanceof IllegalArgumentException || ex instanceof IOException
                            || ex instanceof UncheckedIOException) {
                        cmd.getErr().println("error: " + ex.getMessage());
                        cmd.getErr().flush();
                        return INPUT_ERROR;
                    }
                    throw ex;
                });
        try {
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
            out.flush();
            err.flush();
        }
    }

    /** A usage error found by a command's own checks (options that conflict, a value out of range): exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String m) {
            super(m);
        }
    }

    /** {@code --version}: the project version, filtered into {@code affect4j-cli.properties} by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Affect4jCli.class.getResourceAsStream("affect4j-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            String v = p.getProperty("version", "unknown");
            return new String[] {"affect4j " + (v.startsWith("${") ? "unknown (not built by Maven)" : v),
                    "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
