package vn.gov.dancu.gateway.ratelimit;

/**
 * A sliding-window log for one caller: the admission times of the last {@code requests} admitted
 * requests still inside the window (oldest first, in a ring). A slot is free when fewer than
 * {@code requests} admissions lie in {@code (now - window, now]}; when none is, the wait is the
 * time until the oldest of them leaves the window. Exact, unlike fixed windows, which let twice
 * the budget through around a window boundary. Not thread-safe: {@link MemoryStore} guards it.
 */
final class SlidingWindow {

    /** Rings start small and grow to the budget, so a large budget costs memory only when used. */
    private static final int INITIAL_CAPACITY = 8;

    private final int requests;
    private final long windowMillis;
    private long[] admitted;
    private int head;
    private int size;

    SlidingWindow(int requests, long windowMillis) {
        this.requests = requests;
        this.windowMillis = windowMillis;
        this.admitted = new long[Math.min(requests, INITIAL_CAPACITY)];
    }

    /** Whether this window counts {@code limit} (same budget and length). */
    boolean fits(Limit limit) {
        return limit.requests() == requests && limit.windowMillis() == windowMillis;
    }

    /** Milliseconds until a slot is free at {@code now}: 0 when one is free now. */
    long waitMillis(long now) {
        expire(now);
        return size < requests ? 0 : admitted[head] + windowMillis - now;
    }

    /** Counts an admission at {@code now}; call only when {@link #waitMillis} answered 0. */
    void admit(long now) {
        if (size == admitted.length) {
            grow();
        }
        // A clock stepped back (NTP) must not put a newer admission before an older one.
        long at = size == 0 ? now : Math.max(now, admitted[(head + size - 1) % admitted.length]);
        admitted[(head + size) % admitted.length] = at;
        size++;
    }

    /** Whether nothing is left in the window at {@code now}: the window can be forgotten. */
    boolean isIdle(long now) {
        expire(now);
        return size == 0;
    }

    private void expire(long now) {
        while (size > 0 && admitted[head] <= now - windowMillis) {
            head = (head + 1) % admitted.length;
            size--;
        }
    }

    private void grow() {
        long[] bigger = new long[Math.min(requests, admitted.length * 2)];
        for (int i = 0; i < size; i++) {
            bigger[i] = admitted[(head + i) % admitted.length];
        }
        admitted = bigger;
        head = 0;
    }
}
