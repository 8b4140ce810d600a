package org.affect4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values follow torch.optim.lr_scheduler.ReduceLROnPlateau's documented rule (mode min, rel 1e-4). */
class PlateauRateTest {

    @Test
    void halvesAfterMoreThanPatienceBadEpochs() {
        PlateauRate r = new PlateauRate(1e-4, 0.5, 1, 0);
        assertFalse(r.observe(2.0));   // best 2.0
        assertFalse(r.observe(1.5));   // improved
        assertFalse(r.observe(1.6));   // bad 1 (= patience): no cut yet
        assertEquals(1e-4, r.valueAt(0, 0));
        assertTrue(r.observe(1.5));    // bad 2 > patience: cut; 1.5 is not below 1.5*(1-1e-4)
        assertEquals(5e-5, r.valueAt(0, 0), 1e-20);
        assertFalse(r.observe(1.49));  // improvement resets the counter
        assertFalse(r.observe(1.49));
        assertTrue(r.observe(1.49));
        assertEquals(2.5e-5, r.rate(), 1e-20);
    }

    @Test
    void respectsTheFloorAndIsSharedByClone() {
        PlateauRate r = new PlateauRate(1e-4, 0.5, 0, 8e-5);
        r.observe(1);
        assertTrue(r.observe(1));
        assertEquals(8e-5, r.rate(), 1e-20);
        assertFalse(r.observe(1), "already at the floor");
        assertSame(r, r.clone(), "the updater must follow the trainer's decisions");
    }
}
