package org.affect4j.core.ravdess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's actor-independent protocol: fold k (0..5) tests on actors 4k+1 … 4k+4 (two male, two female) and
 * never splits one actor's clips between training and test. Fold 0 (actors 01–04) is the held-out test fold of
 * the shipped model. Stateless.
 */
public final class ActorFolds {

    public static final int FOLDS = 6;

    /** Train and test files of one fold. */
    public record Split(int fold, List<Path> train, List<Path> test) {
        public Split {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    private ActorFolds() {
    }

    /** The fold whose test set holds {@code actor} (1..24). */
    public static int foldOf(int actor) {
        if (actor < 1 || actor > 24) {
            throw new IllegalArgumentException("RAVDESS actors are 1..24, got " + actor);
        }
        return (actor - 1) / 4;
    }

    /** Splits RAVDESS files by actor for fold {@code k}. */
    public static Split split(List<Path> files, int k) {
        if (k < 0 || k >= FOLDS) {
            throw new IllegalArgumentException("fold must be 0.." + (FOLDS - 1) + ", got " + k);
        }
        List<Path> train = new ArrayList<>();
        List<Path> test = new ArrayList<>();
        for (Path f : files) {
            (foldOf(RavdessFileName.parse(f).actor()) == k ? test : train).add(f);
        }
        return new Split(k, train, test);
    }
}
