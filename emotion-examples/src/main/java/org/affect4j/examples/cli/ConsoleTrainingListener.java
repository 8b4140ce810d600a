package org.affect4j.examples.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.affect4j.core.train.EpochRecord;
import org.affect4j.core.train.TrainingListener;

/** Training progress for the console: a step bar with loss/accuracy and ETA on stderr, one line per epoch on stdout. */
final class ConsoleTrainingListener implements TrainingListener {
    private final PrintStream out;
    private final PrintStream err;
    private final String prefix;
    private Progress bar;

    ConsoleTrainingListener(PrintStream out, PrintStream err, String prefix) {
        this.out = out;
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public void resumed(int nextEpoch) {
        err.println(prefix + "resuming at epoch " + (nextEpoch + 1));
    }

    @Override
    public void epochStarted(int epoch, int steps) {
        bar = new Progress(err, "steps");   // the first step's time counts in the rate and ETA
    }

    @Override
    public void step(int epoch, int step, int steps, double loss, double acc, double eta) {
        bar.update(step, steps);   // bar: started by epochStarted, which the Trainer calls before every epoch
        err.printf(Locale.ROOT, "  %sepoch %d loss %.4f acc %.3f", prefix, epoch + 1, loss, acc);
    }

    @Override
    public void epoch(EpochRecord e) {
        if (bar != null) {
            bar.done();
            bar = null;
        }
        out.printf(Locale.ROOT, "%sepoch %d: train loss %.4f acc %.4f | val loss %.4f acc %.4f | lr %.2e | %.0f s%s%n",
                prefix, e.epoch() + 1, e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(), e.learningRate(),
                e.seconds(), e.improved() ? "  (best, saved)" : "");
        out.flush();
    }
}
