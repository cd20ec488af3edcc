package vn.gov.dancu.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sliding-window log on its own, with times given by hand (milliseconds). */
class SlidingWindowTest {

    private static final long MINUTE = 60_000;

    @Test
    void admitsUpToItsBudgetThenAnswersTheWaitForTheOldestToLeave() {
        SlidingWindow window = new SlidingWindow(3, MINUTE);
        for (long t = 0; t < 3; t++) {
            assertEquals(0, window.waitMillis(t));
            window.admit(t);
        }
        // Full at t=3: the admission at t=0 leaves the window at t=60 000.
        assertEquals(MINUTE - 3, window.waitMillis(3));
    }

    @Test
    void freesASlotExactlyWhenTheOldestAdmissionLeavesTheWindow() {
        SlidingWindow window = new SlidingWindow(3, MINUTE);
        window.admit(0);
        window.admit(20_000);
        window.admit(40_000);
        assertEquals(1, window.waitMillis(59_999));
        // The window is (now - 60 s, now]: at 60 000 the admission at 0 is out.
        assertEquals(0, window.waitMillis(60_000));
        window.admit(60_000);
        assertEquals(20_000 + MINUTE - 61_000, window.waitMillis(61_000));
    }

    @Test
    void countsOverAnyWindowSoNoBurstPassesAtAMinuteBoundary() {
        SlidingWindow window = new SlidingWindow(3, MINUTE);
        window.admit(50_000);
        window.admit(55_000);
        window.admit(59_000);
        // A fixed per-minute counter would reset at 60 000 and let 3 more through; this waits.
        assertEquals(50_000 + MINUTE - 61_000, window.waitMillis(61_000));
    }

    @Test
    void keepsAdmissionsInOrderWhileGrowingToALargeBudget() {
        SlidingWindow window = new SlidingWindow(20, MINUTE);
        for (long t = 0; t < 20; t++) {
            window.admit(t * 1_000);
        }
        assertEquals(MINUTE - 19_000, window.waitMillis(19_000));
        // At 65 000 the admissions at 0..5 s have left: six slots, then full again.
        for (int i = 0; i < 6; i++) {
            assertEquals(0, window.waitMillis(65_000));
            window.admit(65_000);
        }
        assertEquals(6_000 + MINUTE - 65_000, window.waitMillis(65_000));
    }

    @Test
    void becomesIdleOnceEveryAdmissionLeftTheWindow() {
        SlidingWindow window = new SlidingWindow(5, MINUTE);
        window.admit(0);
        assertFalse(window.isIdle(59_999));
        assertTrue(window.isIdle(60_000));
    }
}
