import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's own load client, for what wrk cannot do (wrk does the saturation runs):
 *
 * <ul>
 * <li><b>open loop at a fixed rate</b> ({@code --rate R}): request i is due at start + i/R whatever
 * happened before, and its latency is measured from that due time, not from when it was sent, so
 * a stall is charged to every request it delayed (no coordinated omission — what wrk2 does);</li>
 * <li><b>closed loop</b> ({@code --connections C}): C callers, each sending its next request when
 * the previous answer arrives, for a duration or a total number of requests;</li>
 * <li>a unique {@code X-Request-Id} per request ({@code PREFIX-n}) and, with {@code --ids-out}, the
 * ids of every 200 answer, for the audit-trail checks;</li>
 * <li>answers counted by status and, for problem answers, by their {@code code};</li>
 * <li>with {@code --series FILE}, latency over time: one line per second of the measured phase,
 * {@code second count p50_ms p90_ms p99_ms max_ms}, each request counted in the second it was due
 * (open loop) or sent (closed loop), its latency measured as above. The due time is kept beside the
 * latency in the same growing {@code long[]} (no object per request); the per-second percentiles
 * are computed after the run, so the series costs the measured phase nothing but that store.</li>
 * </ul>
 *
 * <p>Kinds of request ({@code --kind}): {@code applicant} (a one-party prefill, e.g. the judicial
 * record), {@code birth} (birth registration: mother, father, declarant), both POST to
 * {@code --url} with a fresh case id per request ({@code --fixed-case} repeats one case and one
 * party set, for cache runs); {@code stub} GETs {@code --url}{id}?{--query} with the purpose
 * headers the NPD requires. Parties come from {@code --citizens} (lines {@code applicant ID} and
 * {@code birth M F D}, written by UpstreamsMain).
 *
 * <p>Writes its figures as {@code key=value} lines to {@code --result} and prints them.
 * Java 17, no dependencies: {@code javac -d out LoadClient.java; java -Xmx256m -cp out LoadClient ...}.
 */
public final class LoadClient {

    private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9_]+)\"");

    private final Map<String, String> options;
    private final HttpClient http;
    private final ExecutorService executor;
    private final List<String> applicants = new ArrayList<>();
    private final List<String[]> births = new ArrayList<>();
    private final String kind;
    private final String url;
    private final String token;
    private final String prefix;
    private final boolean fixedCase;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean stopIssuing = new AtomicBoolean();
    private final long stopAfterErrors;
    private final LongAdder transportErrors = new LongAdder();

    /** Per-phase measurements; the warm-up phase's are thrown away. */
    private volatile Phase phase;

    private LoadClient(Map<String, String> options) throws IOException {
        this.options = options;
        this.kind = required("kind");
        this.url = required("url");
        this.token = options.getOrDefault("token", "");
        this.prefix = options.getOrDefault("id-prefix", "bench");
        this.fixedCase = options.containsKey("fixed-case");
        this.stopAfterErrors = Long.parseLong(options.getOrDefault("stop-after-errors", "0"));
        for (String header : options.getOrDefault("header", "").split("\n")) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                extraHeaders.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
        }
        if (options.containsKey("citizens")) {
            for (String line : Files.readAllLines(Path.of(options.get("citizens")))) {
                String[] parts = line.strip().split("\\s+");
                if (parts[0].equals("applicant") && parts.length == 2) {
                    applicants.add(parts[1]);
                } else if (parts[0].equals("birth") && parts.length == 4) {
                    births.add(new String[] {parts[1], parts[2], parts[3]});
                }
            }
        }
        if ((kind.equals("applicant") || kind.equals("stub")) && applicants.isEmpty()
                || kind.equals("birth") && births.isEmpty()) {
            throw new IllegalArgumentException("--citizens lists no parties for --kind " + kind);
        }
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(executor).build();
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** Latencies and outcomes of one phase. */
    private static final class Phase {
        final long startNanos = System.nanoTime();
        /** Second 0 of the series: when the loop started issuing (set by it; a little after startNanos). */
        volatile long originNanos = startNanos;
        long endNanos;
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final LongAdder completed = new LongAdder();
        private long[] latencies = new long[1 << 16];
        /** When each request was due, in nanoseconds from the phase's start (only with --series). */
        private long[] dues;
        private int count;
        final List<String> okIds;

        Phase(boolean keepIds, boolean keepDues) {
            okIds = keepIds ? java.util.Collections.synchronizedList(new ArrayList<>()) : null;
            dues = keepDues ? new long[latencies.length] : null;
        }

        synchronized void latency(long nanos, long dueNanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                if (dues != null) {
                    dues = Arrays.copyOf(dues, count * 2);
                }
            }
            if (dues != null) {
                dues[count] = Math.max(0, dueNanos - originNanos);
            }
            latencies[count++] = nanos;
        }

        /** Per second of the phase: {@code second count p50 p90 p99 max} (ms), seconds without requests left out. */
        synchronized List<String> series() {
            int seconds = 0;
            for (int i = 0; i < count; i++) {
                seconds = Math.max(seconds, (int) (dues[i] / 1_000_000_000L) + 1);
            }
            int[] perSecond = new int[seconds];
            for (int i = 0; i < count; i++) {
                perSecond[(int) (dues[i] / 1_000_000_000L)]++;
            }
            long[][] buckets = new long[seconds][];
            for (int s = 0; s < seconds; s++) {
                buckets[s] = new long[perSecond[s]];
            }
            int[] filled = new int[seconds];
            for (int i = 0; i < count; i++) {
                int s = (int) (dues[i] / 1_000_000_000L);
                buckets[s][filled[s]++] = latencies[i];
            }
            List<String> lines = new ArrayList<>();
            lines.add("# second count p50_ms p90_ms p99_ms max_ms (latency from the due time; second 0 = the"
                    + " measured phase's first)");
            for (int s = 0; s < seconds; s++) {
                long[] b = buckets[s];
                if (b.length == 0) {
                    continue;
                }
                Arrays.sort(b);
                lines.add(s + " " + b.length + " " + millis(percentile(b, 50)) + " " + millis(percentile(b, 90))
                        + " " + millis(percentile(b, 99)) + " " + millis(b[b.length - 1]));
            }
            return lines;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(latencies, count);
            Arrays.sort(copy);
            return copy;
        }

        void outcome(String key) {
            outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    private HttpRequest request(long n) {
        String requestId = prefix + "-" + n;
        HttpRequest.Builder builder;
        if (kind.equals("stub")) {
            String id = applicants.get((int) (n % applicants.size()));
            String query = options.getOrDefault("query", "");
            builder = HttpRequest.newBuilder(URI.create(url + id + (query.isEmpty() ? "" : "?" + query))).GET()
                    .header("X-Purpose", "JUDICIAL_RECORD").header("X-Case-Id", "BENCH-" + requestId)
                    .header("X-Officer-Id", "bench-officer").header("X-Agency-Code", "BENCH");
        } else {
            long pick = fixedCase ? 0 : n;
            String caseId = fixedCase ? prefix + "-CASE" : "BENCH-" + requestId;
            String parties;
            if (kind.equals("applicant")) {
                parties = "{\"applicant\":\"" + applicants.get((int) (pick % applicants.size())) + "\"}";
            } else if (kind.equals("birth")) {
                String[] b = births.get((int) (pick % births.size()));
                parties = "{\"mother\":\"" + b[0] + "\",\"father\":\"" + b[1] + "\",\"declarant\":\"" + b[2] + "\"}";
            } else {
                throw new IllegalArgumentException("unknown --kind " + kind);
            }
            String body = "{\"caseId\":\"" + caseId + "\",\"parties\":" + parties + "}";
            builder = HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json");
        }
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        extraHeaders.forEach(builder::header);
        return builder.header("X-Request-Id", requestId).timeout(Duration.ofSeconds(10)).build();
    }

    /** Sends request n; latency counts from {@code dueNanos}. */
    private CompletableFuture<Void> send(long n, long dueNanos) {
        Phase current = phase;
        String requestId = prefix + "-" + n;
        HttpRequest request;
        try {
            request = request(n);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            long latency = System.nanoTime() - dueNanos;
            current.completed.increment();
            current.latency(latency, dueNanos);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                current.outcome(cause instanceof ConnectException ? "error.connect"
                        : cause instanceof HttpTimeoutException ? "error.timeout" : "error.io");
                transportErrors.increment();
                if (stopAfterErrors > 0 && transportErrors.sum() >= stopAfterErrors) {
                    stopIssuing.set(true);
                }
            } else if (response.statusCode() == 200) {
                current.outcome("status.200");
                if (current.okIds != null) {
                    current.okIds.add(requestId);
                }
            } else {
                Matcher code = PROBLEM_CODE.matcher(response.body());
                current.outcome("status." + response.statusCode() + (code.find() ? "." + code.group(1) : ""));
            }
            return null;
        });
    }

    /** Open loop: one request every 1/rate seconds until the deadline; waits for the stragglers. */
    private void openLoop(double rate, long durationNanos) {
        long period = (long) (1e9 / rate);
        long start = System.nanoTime();
        phase.originNanos = start;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long i = 0; ; i++) {
            long due = start + i * period;
            if (due - start >= durationNanos || stopIssuing.get()) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.add(send(sequence.incrementAndGet(), due));
            if (pending.size() > 4096) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    /** Closed loop: {@code connections} callers until the deadline or until {@code total} requests were sent. */
    private void closedLoop(int connections, long durationNanos, long total) {
        phase.originNanos = System.nanoTime();
        long deadline = phase.originNanos + durationNanos;
        AtomicLong issued = new AtomicLong();
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            callers.add(done);
            next(done, deadline, issued, total);
        }
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).join();
    }

    private void next(CompletableFuture<Void> done, long deadline, AtomicLong issued, long total) {
        if (stopIssuing.get() || System.nanoTime() >= deadline || total > 0 && issued.incrementAndGet() > total) {
            done.complete(null);
            return;
        }
        send(sequence.incrementAndGet(), System.nanoTime())
                .whenComplete((v, e) -> next(done, deadline, issued, total));
    }

    private void run(Phase into, long durationNanos, long total) {
        phase = into;
        if (options.containsKey("rate")) {
            openLoop(Double.parseDouble(options.get("rate")), durationNanos);
        } else {
            closedLoop(Integer.parseInt(options.getOrDefault("connections", "32")), durationNanos, total);
        }
        into.endNanos = System.nanoTime();
    }

    private Map<String, String> measure() throws IOException {
        double warmup = Double.parseDouble(options.getOrDefault("warmup-s", "0"));
        if (warmup > 0) {
            run(new Phase(false, false), (long) (warmup * 1e9), 0);
        }
        long total = Long.parseLong(options.getOrDefault("requests", "0"));
        double duration = Double.parseDouble(options.getOrDefault("duration-s", total > 0 ? "600" : "10"));
        Phase measured = new Phase(options.containsKey("ids-out"), options.containsKey("series"));
        run(measured, (long) (duration * 1e9), total);

        long[] sorted = measured.sorted();
        double seconds = (measured.endNanos - measured.startNanos) / 1e9;
        Map<String, String> result = new LinkedHashMap<>();
        result.put("requests", String.valueOf(sorted.length));
        result.put("duration_s", String.format("%.2f", seconds));
        result.put("rps", String.format("%.1f", sorted.length / seconds));
        result.put("p50_ms", millis(percentile(sorted, 50)));
        result.put("p90_ms", millis(percentile(sorted, 90)));
        result.put("p99_ms", millis(percentile(sorted, 99)));
        result.put("p999_ms", millis(percentile(sorted, 99.9)));
        result.put("max_ms", millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        // every request sent, the warm-up's included: what the upstream saw
        result.put("sent_total", String.valueOf(sequence.get()));
        new TreeMap<>(measured.outcomes).forEach((k, v) -> result.put(k, String.valueOf(v.sum())));
        if (options.containsKey("series")) {
            Files.write(Path.of(options.get("series")), measured.series());
        }
        if (measured.okIds != null) {
            try (BufferedWriter out = Files.newBufferedWriter(Path.of(options.get("ids-out")))) {
                for (String id : List.copyOf(measured.okIds)) {
                    out.write(id);
                    out.write('\n');
                }
            }
        }
        return result;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String millis(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    /** {@code --name value} pairs; {@code --header} may repeat; {@code --fixed-case} takes no value. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("fixed-case")) {
                options.put(name, "true");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            String value = args[++i];
            options.merge(name, value, (a, b) -> a + "\n" + b);
        }
        return options;
    }

    public static void main(String[] args) throws Exception {
        LoadClient client = new LoadClient(parse(args));
        Map<String, String> result = client.measure();
        StringBuilder text = new StringBuilder();
        result.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        System.out.print(text);
        if (client.options.containsKey("result")) {
            try {
                Files.writeString(Path.of(client.options.get("result")), text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        client.executor.shutdownNow();
        client.executor.awaitTermination(1, TimeUnit.SECONDS);
        System.exit(0);
    }
}
