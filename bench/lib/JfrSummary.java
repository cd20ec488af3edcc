import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a saturation run as Markdown: where the gateway's CPU and heap
 * allocation go, as the top frames of the profile (bench/run records one around the 1-party
 * saturation run and puts this summary into its report).
 *
 * <ul>
 * <li><b>CPU</b>: {@code jdk.ExecutionSample} counted by the frame on top of the stack ("self"),
 * and by the first frame of the gateway's own code ({@code vn.gov.dancu}) below it, which names
 * the line of our code that asked for the work;</li>
 * <li><b>allocation</b>: {@code jdk.ObjectAllocationSample} weighted by its {@code weight} (bytes
 * the sample stands for), by allocating frame and by class;</li>
 * <li><b>GC</b>: {@code jdk.GarbageCollection} count, longest and total pause.</li>
 * </ul>
 *
 * <p>Frames are "class.method" (lines folded), so a summary stays comparable across builds.
 * Java 17, no dependencies: {@code java JfrSummary.java recording.jfr [top] [output.md] [figures.properties]}.
 */
public final class JfrSummary {

    private static final String OURS = "vn.gov.dancu.";

    private final Map<String, Long> cpuSelf = new HashMap<>();
    private final Map<String, Long> cpuOurs = new HashMap<>();
    private final Map<String, Long> cpuLibrary = new HashMap<>();
    private final Map<String, Long> cpuInclusive = new HashMap<>();
    private final Map<String, Long> tlabFrame = new HashMap<>();
    private final Map<String, Long> tlabOurs = new HashMap<>();
    private final Map<String, Long> tlabClass = new HashMap<>();
    private long tlabBytes;
    private final Map<String, Long> allocFrame = new HashMap<>();
    private final Map<String, Long> allocOurs = new HashMap<>();
    private final Map<String, Long> allocClass = new HashMap<>();
    private long cpuSamples;
    private long allocBytes;
    private long gcCount;
    private double gcLongestMs;
    private double gcTotalMs;
    private long seconds;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java JfrSummary.java recording.jfr [top] [output.md]");
            System.exit(64);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        JfrSummary summary = new JfrSummary();
        summary.read(Path.of(args[0]));
        if (args.length > 3) { // the figures bench/run reads, as key=value
            Files.writeString(Path.of(args[3]), String.format(java.util.Locale.ROOT,
                    "seconds=%d%ncpu_samples=%d%ntlab_mib=%.1f%nsampled_alloc_mib=%.1f%ngc_pauses=%d%ngc_longest_ms=%.1f%n",
                    summary.seconds, summary.cpuSamples, summary.tlabBytes / 1048576.0,
                    summary.allocBytes / 1048576.0, summary.gcCount, summary.gcLongestMs));
        }
        if (args.length > 2) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[2])), true, "UTF-8")) {
                summary.write(out, top);
            }
        } else {
            summary.write(System.out, top);
        }
    }

    private void read(Path file) throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                long t = e.getStartTime().toEpochMilli();
                first = Math.min(first, t);
                last = Math.max(last, t);
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> cpu(e.getStackTrace());
                    case "jdk.ObjectAllocationSample" -> allocation(e);
                    case "jdk.ObjectAllocationInNewTLAB" -> tlab(e, e.getLong("tlabSize"));
                    case "jdk.ObjectAllocationOutsideTLAB" -> tlab(e, e.getLong("allocationSize"));
                    case "jdk.GarbageCollection" -> gc(e);
                    default -> { }
                }
            }
        }
        seconds = first == Long.MAX_VALUE ? 0 : Math.max(1, (last - first) / 1000);
    }

    private void cpu(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        cpuSamples++;
        List<RecordedFrame> frames = stack.getFrames();
        cpuSelf.merge(name(frames.get(0)), 1L, Long::sum);
        cpuOurs.merge(firstOurs(frames), 1L, Long::sum);
        cpuLibrary.merge(library(frames.get(0)), 1L, Long::sum);
        // Inclusive: each of our methods once per sample, however often it recurs in the stack.
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (n.startsWith(OURS) && seen.add(n)) {
                cpuInclusive.merge(n, 1L, Long::sum);
            }
        }
    }

    /**
     * TLAB events (when the recording enabled them): each new TLAB, or object outside one, is
     * charged to the allocation that caused it — the classic unbiased allocation profile.
     */
    private void tlab(RecordedEvent e, long bytes) {
        tlabBytes += bytes;
        tlabClass.merge(e.getClass("objectClass").getName(), bytes, Long::sum);
        RecordedStackTrace stack = e.getStackTrace();
        if (stack != null && !stack.getFrames().isEmpty()) {
            tlabFrame.merge(name(stack.getFrames().get(0)), bytes, Long::sum);
            tlabOurs.merge(firstOurs(stack.getFrames()), bytes, Long::sum);
        }
    }

    /** The library a frame belongs to: its package's first three segments (io.vertx.core, com.fasterxml.jackson). */
    private static String library(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        int n = Math.min(3, parts.length - 1);
        return n <= 0 ? type : String.join(".", java.util.Arrays.copyOf(parts, n));
    }

    private void allocation(RecordedEvent e) {
        long weight = e.getLong("weight");
        allocBytes += weight;
        RecordedStackTrace stack = e.getStackTrace();
        String type = e.getClass("objectClass").getName();
        allocClass.merge(type, weight, Long::sum);
        if (stack != null && !stack.getFrames().isEmpty()) {
            allocFrame.merge(name(stack.getFrames().get(0)), weight, Long::sum);
            allocOurs.merge(firstOurs(stack.getFrames()), weight, Long::sum);
        }
    }

    private void gc(RecordedEvent e) {
        gcCount++;
        double ms = e.getDuration("longestPause").toNanos() / 1e6;
        gcLongestMs = Math.max(gcLongestMs, ms);
        gcTotalMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The first frame of the gateway's own code from the top, or "(not our code)" (Vert.x, GC, JIT). */
    private static String firstOurs(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith(OURS)) {
                return name(f);
            }
        }
        return "(no gateway frame: framework, I/O or JVM)";
    }

    private void write(PrintStream out, int top) {
        out.printf("Recording of %d s: %d CPU samples, %.0f MiB allocated (sampled estimate), "
                + "%d GC pauses (longest %.1f ms, total %.0f ms).%n%n", seconds, cpuSamples,
                allocBytes / 1048576.0, gcCount, gcLongestMs, gcTotalMs);
        table(out, "CPU: by library of the top frame (self)", "samples", cpuLibrary, cpuSamples, top, false);
        table(out, "CPU: top frames (self)", "samples", cpuSelf, cpuSamples, top, false);
        table(out, "CPU: the gateway's methods, inclusive (share of samples with the method on the stack)",
                "samples", cpuInclusive, cpuSamples, top, false);
        table(out, "CPU: the gateway's own frame nearest the top", "samples", cpuOurs, cpuSamples, top, false);
        if (tlabBytes > 0) {
            out.printf("TLAB allocation events: %.0f MiB.%n%n", tlabBytes / 1048576.0);
            table(out, "Allocation (TLAB events): allocating frame", "MiB", tlabFrame, tlabBytes, top, true);
            table(out, "Allocation (TLAB events): the gateway's own frame nearest the allocation", "MiB", tlabOurs,
                    tlabBytes, top, true);
            table(out, "Allocation (TLAB events): by class", "MiB", tlabClass, tlabBytes, top, true);
            return;
        }
        table(out, "Allocation: allocating frame", "MiB", allocFrame, allocBytes, top, true);
        table(out, "Allocation: the gateway's own frame nearest the allocation", "MiB", allocOurs, allocBytes, top,
                true);
        table(out, "Allocation: by class", "MiB", allocClass, allocBytes, top, true);
    }

    private static void table(PrintStream out, String title, String unit, Map<String, Long> counts, long total,
            int top, boolean bytes) {
        out.printf("**%s**%n%n| %s | share | frame |%n|---:|---:|---|%n", title, unit);
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        Map<String, Long> shown = new LinkedHashMap<>();
        sorted.stream().limit(top).forEach(e -> shown.put(e.getKey(), e.getValue()));
        shown.forEach((frame, n) -> out.printf("| %s | %.1f %% | `%s` |%n",
                bytes ? String.format("%.1f", n / 1048576.0) : Long.toString(n),
                total == 0 ? 0.0 : 100.0 * n / total, frame));
        out.println();
    }
}
