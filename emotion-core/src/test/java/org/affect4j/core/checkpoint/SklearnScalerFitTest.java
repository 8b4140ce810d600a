package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SklearnScalerFitTest {

    @Test
    void fitsMeanAndPopulationStdLikeScikitLearn() {
        // columns: [1, 2, 3, 4] -> mean 2.5, population std sqrt(1.25); constant column -> scale 1
        List<double[]> rows = List.of(new double[] {1, 7}, new double[] {2, 7}, new double[] {3, 7}, new double[] {4, 7});
        SklearnScaler s = SklearnScaler.fit(rows);
        assertArrayEquals(new double[] {2.5, 7}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(1.25), 1.0}, s.scale(), 1e-15);
        assertArrayEquals(new double[] {(4 - 2.5) / Math.sqrt(1.25), 0}, s.transform(new double[] {4, 7}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SklearnScaler.fit(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SklearnScaler.fit(List.of(new double[2], new double[3])));
    }

    @Test
    void pooledFitSharesStatisticsWithinEachGroup() {
        // rows of 2 groups x 2 features; group 0 sees 1, 2, 3, 4 (mean 2.5, population std sqrt 1.25), group 1 is constant
        List<double[]> rows = List.of(new double[] {1, 2, 5, 5}, new double[] {3, 4, 5, 5});
        SklearnScaler s = SklearnScaler.fitPooled(rows, 2);
        assertArrayEquals(new double[] {2.5, 2.5, 5, 5}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(1.25), Math.sqrt(1.25), 1, 1}, s.scale(), 1e-15);
        // group size 1 is the ordinary per-feature fit
        assertArrayEquals(SklearnScaler.fit(rows).scale(), SklearnScaler.fitPooled(rows, 1).scale(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SklearnScaler.fitPooled(rows, 3));
        assertThrows(IllegalArgumentException.class, () -> SklearnScaler.fitPooled(List.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> SklearnScaler.fitPooled(rows, 0));
    }
}
