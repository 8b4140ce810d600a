package org.affect4j.core.train;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * PyTorch's {@code ReduceLROnPlateau} (mode min, relative threshold 1e-4, no cooldown) as an ND4J learning-rate
 * schedule: Adam reads {@link #valueAt} every step, {@link #observe} is called once per epoch with the validation
 * loss. Mutable and owned by one {@link Trainer} run; {@link #clone()} returns this instance on purpose so that the
 * updater that ND4J instantiates keeps following the trainer's decisions.
 */
final class PlateauRate implements ISchedule {

    private static final long serialVersionUID = 1L;
    private final double factor;
    private final int patience;
    private final double min;
    private volatile double rate;
    private double best = Double.POSITIVE_INFINITY;
    private int bad;

    PlateauRate(double initial, double factor, int patience, double min) {
        this.rate = initial;
        this.factor = factor;
        this.patience = patience;
        this.min = min;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return rate;
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    double rate() {
        return rate;
    }

    double best() {
        return best;
    }

    int bad() {
        return bad;
    }

    void restore(double rate, double best, int bad) {
        this.rate = rate;
        this.best = best;
        this.bad = bad;
    }

    /** One epoch's validation loss; returns true when the rate was cut. */
    boolean observe(double loss) {
        if (loss < best * (1 - 1e-4)) {
            best = loss;
            bad = 0;
            return false;
        }
        bad++;
        if (bad > patience) {
            double next = Math.max(rate * factor, min);
            bad = 0;
            if (rate - next > 1e-8) {
                rate = next;
                return true;
            }
        }
        return false;
    }
}
