package org.affect4j.core.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;

class ArrayTrainingTaskTest {

    private static ArrayTrainingTask task(List<float[]> train, int[] trainY) {
        return new ArrayTrainingTask(SameDiff.create(), "x", "y", "loss", "logits", new long[] {2, 2}, 3,
                train, trainY, List.of(new float[4]), new int[] {0}, Map.of());
    }

    @Test
    void badExamplesAreNamedByTheirSetAndIndex() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> task(List.of(new float[4], new float[5]), new int[] {0, 1}));
        assertTrue(shape.getMessage().contains("training example 1 has 5 values, expected 4"), shape.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> task(List.of(new float[4], new float[4]), new int[] {0, 3}));
        assertTrue(label.getMessage().contains("training example 1 has label 3, expected 0..2"), label.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> task(List.of(new float[4]), new int[] {0, 1}));
        assertTrue(count.getMessage().contains("training 1 vs 2"), count.getMessage());
    }

    /** Checked before any native array is made (this module's tests have no ND4J backend). */
    @Test
    void stackNamesTheExampleThatDoesNotFit() {
        List<float[]> xs = List.of(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}, new float[] {9, 10, 11});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArrayTrainingTask.stack(xs, new int[] {0, 2}, 2, 2));
        assertTrue(e.getMessage().contains("example 2 has 3 values, expected 4"), e.getMessage());
    }
}
