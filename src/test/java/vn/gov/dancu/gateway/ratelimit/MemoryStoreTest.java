package vn.gov.dancu.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store: all-or-nothing over a request's limits, and bounded memory. */
class MemoryStoreTest {

    private static final long MINUTE = 60_000;

    private static Limit officer(String name, int requests, long window) {
        return new Limit(LimitKind.OFFICER, RateLimitKeys.officer("AGENCY", name), requests, window);
    }

    private static Limit client(String id, int requests, long window) {
        return new Limit(LimitKind.CLIENT, RateLimitKeys.client(id), requests, window);
    }

    @Test
    void countsARefusedRequestInNoWindow() {
        MemoryStore store = new MemoryStore(1_000);
        Limit officer = officer("an.officer", 4, MINUTE);
        // Two requests spend client C1's budget of 2; three more through C1 are refused by C1.
        for (int i = 0; i < 2; i++) {
            assertTrue(store.decide(List.of(officer, client("C1", 2, MINUTE)), 0).isAdmitted());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(LimitKind.CLIENT, store.decide(List.of(officer, client("C1", 2, MINUTE)), 0).refusedBy());
        }
        // The officer has 4 - 2 = 2 left: the refused requests took nothing from the officer's budget.
        for (int i = 0; i < 2; i++) {
            assertTrue(store.decide(List.of(officer, client("C2", 2, MINUTE)), 0).isAdmitted());
        }
        assertEquals(LimitKind.OFFICER, store.decide(List.of(officer, client("C3", 2, MINUTE)), 0).refusedBy());
    }

    @Test
    void namesTheLimitWhoseSlotFreesUpLast() {
        MemoryStore store = new MemoryStore(1_000);
        List<Limit> limits = List.of(officer("a", 1, 10_000), client("C", 1, MINUTE));
        assertTrue(store.decide(limits, 0).isAdmitted());
        Decision refused = store.decide(limits, 1_000);
        // Both are spent; the client's slot frees at 60 s, the officer's at 10 s: retry after the later.
        assertEquals(LimitKind.CLIENT, refused.refusedBy());
        assertEquals(MINUTE - 1_000, refused.waitMillis());
    }

    @Test
    void forgetsCallersWhoseWindowsEmptied() {
        MemoryStore store = new MemoryStore(1_000);
        for (int i = 0; i < 100; i++) {
            store.decide(List.of(officer("officer-" + i, 5, MINUTE)), 0);
        }
        assertEquals(100, store.size());
        // A minute later every one of those windows is empty and the next request sweeps them.
        store.decide(List.of(officer("someone-else", 5, MINUTE)), MINUTE);
        assertEquals(1, store.size());
    }

    @Test
    void letsCallersBeyondMaxKeysThroughUntrackedAndKeepsLimitingTheOthers() {
        MemoryStore store = new MemoryStore(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(store.decide(List.of(officer("officer-" + i, 1, MINUTE)), 0).isAdmitted());
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(store.decide(List.of(officer("fourth", 1, MINUTE)), 0).isAdmitted());
        }
        assertEquals(3, store.size());
        assertEquals(LimitKind.OFFICER, store.decide(List.of(officer("officer-0", 1, MINUTE)), 0).refusedBy());
    }
}
