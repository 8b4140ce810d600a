package org.affect4j.core.ravdess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorFoldsTest {

    @Test
    void foldsPartitionActorsWithoutLeaks() {
        Set<Integer> tested = new HashSet<>();
        for (int k = 0; k < ActorFolds.FOLDS; k++) {
            Set<Integer> test = ActorFolds.testActors(k);
            Set<Integer> val = ActorFolds.validationActors(k);
            Set<Integer> train = ActorFolds.trainActors(k);
            assertEquals(4, test.size());
            assertEquals(4, val.size());
            assertEquals(16, train.size());
            Set<Integer> all = new HashSet<>(test);
            all.addAll(val);
            all.addAll(train);
            assertEquals(24, all.size(), "test, validation and training actors are disjoint and cover 1..24");
            // RAVDESS: odd actors are male, even female
            assertEquals(2, test.stream().filter(a -> a % 2 == 1).count());
            tested.addAll(test);
            for (int a : test) {
                assertEquals(k, ActorFolds.foldOf(a));
            }
        }
        assertEquals(24, tested.size());
        assertEquals(Set.of(21, 22, 23, 24), ActorFolds.validationActors(0), "the shipped model selects on 21-24");
        assertEquals(Set.of(1, 2, 3, 4), ActorFolds.testActors(0));
        assertTrue(ActorFolds.trainActors(0).containsAll(Set.of(5, 20)));
        assertThrows(IllegalArgumentException.class, () -> ActorFolds.testActors(6));
    }

    @Test
    void actorSetsIterateInAscendingOrderAndAreUnmodifiable() {
        // iteration order reaches reports and file lists; Set.of's order changes from one JVM run to the next
        assertEquals(List.of(9, 10, 11, 12), List.copyOf(ActorFolds.testActors(2)));
        assertEquals(List.of(5, 6, 7, 8), List.copyOf(ActorFolds.validationActors(2)));
        assertEquals(List.of(1, 2, 3, 4, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), List.copyOf(ActorFolds.trainActors(2)));
        assertThrows(UnsupportedOperationException.class, () -> ActorFolds.trainActors(2).add(9));
        assertThrows(UnsupportedOperationException.class, () -> ActorFolds.testActors(2).remove(9));
    }
}
