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

    /** Test actors of fold {@code k}: 4k+1 … 4k+4, in ascending order (unmodifiable). */
    public static java.util.SortedSet<Integer> testActors(int k) {
        requireFold(k);
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(java.util.List.of(4 * k + 1, 4 * k + 2, 4 * k + 3, 4 * k + 4)));
    }

    /**
     * Model-selection actors of fold {@code k}: the previous fold's test actors (fold 0 selects on 21–24, as the
     * shipped model does), so that training uses the remaining 16 actors and never sees the test actors.
     */
    public static java.util.SortedSet<Integer> validationActors(int k) {
        return testActors((k + FOLDS - 1) % FOLDS);
    }

    /** Training actors of fold {@code k}: all but its test and validation actors, in ascending order (unmodifiable). */
    public static java.util.SortedSet<Integer> trainActors(int k) {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        for (int a = 1; a <= 24; a++) {
            if (!testActors(k).contains(a) && !validationActors(k).contains(a)) {
                out.add(a);
            }
        }
        return java.util.Collections.unmodifiableSortedSet(out);
    }

    private static void requireFold(int k) {
        if (k < 0 || k >= FOLDS) {
            throw new IllegalArgumentException("fold must be 0.." + (FOLDS - 1) + ", got " + k);
        }
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
