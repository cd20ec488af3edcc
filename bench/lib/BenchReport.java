import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes bench/run's Markdown report, its two charts and its machine-readable results from what the
 * measuring part of bench/run left in its work directory:
 *
 * <ul>
 * <li>{@code WORK/results.properties}: the results ({@code run.key=value}, bench/run's {@code R} array)
 * and the settings ({@code setting.NAME=value});</li>
 * <li>{@code WORK/NAME-series.txt}: latency per second of the steady-rate runs ({@code LoadClient --series});</li>
 * <li>{@code WORK/profile*.md}: JFR summaries (bench/lib/JfrSummary.java); {@code WORK/citizens.txt}.</li>
 * </ul>
 *
 * <p>Writes {@code OUT} (the report, e.g. {@code bench/results/STAMP.md}) and beside it
 * {@code STAMP-latency.png}, {@code STAMP-throughput.png} and {@code STAMP.properties} (the results,
 * the settings and the issue-11 target figures as {@code target.*}). The "previous report" column
 * reads the newest {@code YYYY-MM-DD-HHMM.properties} in the same directory older than this run's.
 *
 * <p>Java 17, JDK only: {@code java -Djava.awt.headless=true -cp CLASSES BenchReport --work WORK --out OUT}.
 */
public final class BenchReport {

    private static final Pattern RUN_STAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{4}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** The runs a full bench/run measures (quick mode leaves some out), in the order they run. */
    private static final List<String> MEASURED_RUNS = List.of("stub-sat", "one-sat", "three-sat", "repeat-sat",
            "load", "stub-rate", "one-rate", "three-rate", "outage", "kill", "noaudit-one-sat", "noaudit-three-sat");
    /** The runs whose answers count for "no error other than the designed 503/429". */
    private static final List<String> ANSWER_RUNS = List.of("warmup", "stub-sat", "one-sat", "three-sat",
            "repeat-sat", "load", "stub-rate", "one-rate", "three-rate", "outage", "noaudit-warmup", "noaudit-one-sat",
            "noaudit-three-sat");

    private final Map<String, String> r;
    private final Path work;
    private final Path out;
    private final String stem;
    private final String previousName;
    private final Map<String, String> previous;
    private final Map<String, Double> targets;
    private final Map<String, Double> previousTargets;
    private final StringBuilder md = new StringBuilder();

    private BenchReport(Path work, Path out) throws IOException {
        this.work = work;
        this.out = out;
        String file = out.getFileName().toString();
        this.stem = file.endsWith(".md") ? file.substring(0, file.length() - 3) : file;
        this.r = readProperties(work.resolve("results.properties"));
        // BENCH_PREVIOUS=STAMP compares with that run instead (e.g. the report an issue was filed from).
        String chosen = System.getenv("BENCH_PREVIOUS");
        Optional<Path> before = chosen != null && !chosen.isBlank()
                ? Optional.of(out.toAbsolutePath().getParent().resolve(chosen + ".properties")).filter(Files::isRegularFile)
                : previousRun(out.toAbsolutePath().getParent(), stem);
        this.previousName = before.map(p -> p.getFileName().toString().replaceFirst("\\.properties$", "")).orElse(null);
        this.previous = before.isPresent() ? readProperties(before.get()) : Map.of();
        this.targets = targetFigures(r);
        this.previousTargets = targetFigures(previous);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("work") || !options.containsKey("out")) {
            System.err.println("usage: java -Djava.awt.headless=true BenchReport --work WORKDIR --out bench/results/STAMP.md");
            System.exit(64);
        }
        new BenchReport(Path.of(options.get("work")), Path.of(options.get("out"))).write();
    }

    // ============================================================================ files

    /** {@code key=value} lines; {@code #} comments; {@code \\} and {@code \n} unescaped (what {@link #writeProperties} escapes). */
    static Map<String, String> readProperties(Path file) throws IOException {
        Map<String, String> map = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq).strip(), unescape(line.substring(eq + 1)));
            }
        }
        return map;
    }

    private static String unescape(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void writeProperties(Path file, List<String> comments, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>();
        comments.forEach(c -> lines.add("# " + c));
        new TreeMap<>(values).forEach((k, v) -> lines.add(k + "=" + v.replace("\\", "\\\\").replace("\n", "\\n")));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** The newest run result ({@code YYYY-MM-DD-HHMM.properties}) in {@code dir} older than {@code stem}. */
    static Optional<Path> previousRun(Path dir, String stem) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                if (!name.endsWith(".properties")) {
                    return false;
                }
                String s = name.substring(0, name.length() - ".properties".length());
                return RUN_STAMP.matcher(s).matches() && s.compareTo(stem) < 0;
            }).max(Path::compareTo);
        }
    }

    private void write() throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean latencyChart = latencyChart(dir.resolve(stem + "-latency.png"));
        boolean throughputChart = throughputChart(dir.resolve(stem + "-throughput.png"));
        report(latencyChart, throughputChart);
        Files.writeString(out, md, StandardCharsets.UTF_8);
        Map<String, String> machine = new TreeMap<>(r);
        targets.forEach((k, v) -> machine.put("target." + k, plain(v)));
        writeProperties(dir.resolve(stem + ".properties"), List.of(
                "dancu-gateway benchmark run " + stem + ", written by bench/run (bench/lib/BenchReport.java) beside " + stem + ".md.",
                "The results (run.key, bench/run's R array), the settings (setting.NAME) and the issue-11 target figures",
                "(target.*); the next run's report reads its \"previous report\" column from the newest of these files."),
                machine);
    }

    // ============================================================================ values

    private String r(String key) {
        return r.getOrDefault(key, "n/a");
    }

    private String s(String name) {
        return r.getOrDefault("setting." + name, "");
    }

    private static Double num(Map<String, String> map, String key) {
        String v = map.get(key);
        if (v == null) {
            return null;
        }
        v = v.replace("%", "").strip();
        return NUMBER.matcher(v).matches() ? Double.valueOf(v) : null;
    }

    private Double d(String key) {
        return num(r, key);
    }

    private boolean ran(String name) {
        return r.containsKey(name + ".requests");
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    private static String f(String format, Double v) {
        return v == null ? "n/a" : f(format, v.doubleValue());
    }

    /** A number without trailing zeros, for the .properties file. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : f("%.4f", v).replaceAll("0+$", "");
    }

    private static String grouped(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static Double ratio(Double a, Double b, double scale) {
        return a == null || b == null || b == 0 ? null : scale * a / b;
    }

    private static Double minus(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }

    /** Requests the run sent, the load client's warm-up included (what the gateway and the NPD saw). */
    private double sent(String name) {
        Double v = d(name + ".sent_total");
        if (v == null) {
            v = d(name + ".requests");
        }
        return v == null ? 0 : v;
    }

    /** "200: n; 503 NPD_UNAVAILABLE: m; error io: k" (as the bash report wrote it). */
    private String answers(String name) {
        List<String> parts = new ArrayList<>();
        r.forEach((k, v) -> {
            if (k.startsWith(name + ".status.")) {
                parts.add(k.substring(name.length() + ".status.".length()) + ": " + v);
            } else if (k.startsWith(name + ".error.")) {
                parts.add("error " + k.substring(name.length() + ".error.".length()) + ": " + v);
            }
        });
        parts.sort(null);
        return String.join("; ", parts).replace('.', ' ');
    }

    /** Non-200 answers other than the designed 503 NPD_UNAVAILABLE / 429 RATE_LIMITED. */
    private long unexpected(String name) {
        long n = 0;
        for (Map.Entry<String, String> e : r.entrySet()) {
            String k = e.getKey();
            if (k.equals(name + ".status.200") || k.equals(name + ".status.503.NPD_UNAVAILABLE")
                    || k.equals(name + ".status.429.RATE_LIMITED")) {
                continue;
            }
            if (k.startsWith(name + ".status.") || k.startsWith(name + ".error.")) {
                Double v = num(r, k);
                n += v == null ? 0 : v.longValue();
            }
        }
        return n;
    }

    private String perRequest(String name) {
        Double calls = d(name + ".npd_calls");
        if (calls == null) {
            return "";
        }
        double sent = sent(name);
        return f("%.2f", calls / (sent > 0 ? sent : 1));
    }

    private double okShare(String name) {
        Double ok = d(name + ".status.200");
        Double requests = d(name + ".requests");
        return 100 * (ok == null ? 0 : ok) / (requests == null || requests <= 0 ? 1 : requests);
    }

    /** A latency or throughput figure describes prefills only if they succeeded. */
    private boolean valid(String name) {
        return okShare(name) >= 99;
    }

    private String invalidNote(String... names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            if (ran(n) && !valid(n)) {
                b.append(" Not a valid measurement: only ").append(f("%.1f", okShare(n))).append(" % of the ").append(n)
                        .append(" answers were 200 (").append(answers(n)).append(").");
            }
        }
        return b.toString();
    }

    private static String verdict(Boolean met) {
        return met == null ? "n/a (not measured in this run)" : met ? "MET" : "MISSED";
    }

    /** CPU seconds of the load generator and the harness: the benchmark's process tree minus the servers. */
    private Double loadGeneratorCpu(String name) {
        Double all = d(name + ".cpu_all_s");
        Double gw = d(name + ".cpu_gw_s");
        Double up = d(name + ".cpu_up_s");
        Double pg = d(name + ".cpu_pg_s");
        if (all == null || gw == null || up == null || pg == null) {
            return null;
        }
        return Math.max(0, all - gw - up - pg);
    }

    // ============================================================================ issue 11's targets

    /** The figures of issue 11's targets from one run's results (this one or a previous one). */
    static Map<String, Double> targetFigures(Map<String, String> m) {
        Map<String, Double> t = new LinkedHashMap<>();
        put(t, "cpu_1party_ms", ratio(num(m, "one-sat.cpu_gw_s"), num(m, "one-sat.requests"), 1000));
        put(t, "cpu_3party_ms", ratio(num(m, "three-sat.cpu_gw_s"), num(m, "three-sat.requests"), 1000));
        put(t, "alloc_1party_kib", ratio(num(m, "one-sat.gc_alloc_mb"), num(m, "one-sat.requests"), 1024));
        put(t, "alloc_1party_jfr_kib", num(m, "profile.alloc_kib_per_request"));
        put(t, "added_p99_ms", minus(num(m, "one-rate.p99_ms"), num(m, "stub-rate.p99_ms")));
        put(t, "gc_pauses", num(m, "one-rate.gc_pauses"));
        put(t, "gc_max_ms", num(m, "one-rate.gc_max_ms"));
        put(t, "sat_1party_rps", num(m, "one-sat.rps"));
        put(t, "ready_ms", num(m, "start.first.ready_ms"));
        Double rss = num(m, "rss.after_run_mib");
        put(t, "rss_mib", rss != null ? rss : num(m, "rss.after_load_mib"));
        put(t, "audit_records_per_commit", num(m, "one-sat.audit_records_per_commit"));
        // a transcribed or older file may carry the figures themselves
        m.forEach((k, v) -> {
            if (k.startsWith("target.")) {
                put(t, k.substring("target.".length()), num(m, k));
            }
        });
        return t;
    }

    private static void put(Map<String, Double> t, String id, Double v) {
        if (v != null && !v.isNaN() && !v.isInfinite()) {
            t.put(id, v);
        }
    }

    private String previousFigure(String id, String format, String unit) {
        Double v = previousTargets.get(id);
        return v == null ? "not reported" : f(format, v) + unit;
    }

    private void targetRow(String target, String figure, Boolean met, String previousFigure) {
        md.append("| ").append(target).append(" | ").append(figure).append(" | ").append(verdict(met)).append(" | ")
                .append(previousName == null ? "" : previousFigure).append(" |\n");
    }

    /** MISSED rather than MET when the run's answers were not (nearly all) 200: its figure describes errors. */
    private Boolean met(Double figure, boolean atMost, double limit, String... runs) {
        if (figure == null) {
            return null;
        }
        for (String run : runs) {
            if (!valid(run)) {
                return false;
            }
        }
        return atMost ? figure <= limit : figure >= limit;
    }

    private void issue11Targets() {
        String rate = s("RATE");
        String xmx = s("GATEWAY_XMX");
        md.append("## Targets (issue 11)\n\n");
        md.append("Each figure from this run's results (the keys are in `").append(stem).append(".properties`)");
        if (previousName != null) {
            md.append("; beside it the same figure in the previous report, [").append(previousName).append("](")
                    .append(previousName).append(".md) (from `").append(previousName).append(".properties`)");
        } else {
            md.append("; no earlier run's `.properties` in this directory, so no previous figures");
        }
        md.append(".\n\n");
        md.append("| target | this run | verdict | previous report")
                .append(previousName == null ? "" : " (" + previousName + ")").append(" |\n|---|---|---|---|\n");

        Double cpu1 = targets.get("cpu_1party_ms");
        targetRow("gateway CPU per 1-party prefill (from /proc, saturation) ≤ 0.5 ms",
                cpu1 == null ? "n/a (not measured in this run)"
                        : "**" + f("%.2f", cpu1) + " ms** (" + r("one-sat.cpu_gw_s") + " s ÷ " + r("one-sat.requests")
                                + " prefills, one-sat)" + invalidNote("one-sat"),
                met(cpu1, true, 0.5, "one-sat"), previousFigure("cpu_1party_ms", "%.2f", " ms"));

        Double cpu3 = targets.get("cpu_3party_ms");
        targetRow("gateway CPU per 3-party prefill (saturation) ≤ 0.8 ms",
                cpu3 == null ? "n/a (not measured in this run)"
                        : "**" + f("%.2f", cpu3) + " ms** (" + r("three-sat.cpu_gw_s") + " s ÷ " + r("three-sat.requests")
                                + " prefills, three-sat)" + invalidNote("three-sat"),
                met(cpu3, true, 0.8, "three-sat"), previousFigure("cpu_3party_ms", "%.2f", " ms"));

        Double alloc = targets.get("alloc_1party_kib");
        Double jfr = targets.get("alloc_1party_jfr_kib");
        String jfrText = jfr != null ? "; JFR estimate " + f("%.0f", jfr) + " KiB (profile run)"
                : "; JFR estimate: not in this run";
        targetRow("heap allocated per 1-party prefill (saturation) ≤ 48 KiB",
                alloc == null ? "n/a (not measured in this run)" + jfrText
                        : "**" + f("%.0f", alloc) + " KiB** (`-Xlog:gc`: " + r("one-sat.gc_alloc_mb") + " MiB ÷ "
                                + r("one-sat.requests") + " prefills)" + jfrText + invalidNote("one-sat"),
                met(alloc, true, 48, "one-sat"),
                previousFigure("alloc_1party_kib", "%.0f", " KiB")
                        + (previousTargets.containsKey("alloc_1party_jfr_kib")
                                ? "; JFR " + previousFigure("alloc_1party_jfr_kib", "%.0f", " KiB") : ""));

        Double added = targets.get("added_p99_ms");
        targetRow("added latency p99 at " + rate + " req/s, 1-party (prefill p99 − stub-direct p99, same run) ≤ 3 ms",
                added == null ? "n/a (not measured in this run)"
                        : "**" + f("%.2f", added) + " ms** (" + r("one-rate.p99_ms") + " − " + r("stub-rate.p99_ms")
                                + " ms)" + invalidNote("one-rate", "stub-rate"),
                met(added, true, 3, "one-rate", "stub-rate"), previousFigure("added_p99_ms", "%.2f", " ms"));

        Double pauses = targets.get("gc_pauses");
        Double longest = targets.get("gc_max_ms");
        String duration = s("RATE_DURATION");
        Boolean gcMet = pauses == null || longest == null ? null
                : Boolean.valueOf(Boolean.TRUE.equals(met(pauses, true, 5, "one-rate")) && longest <= 5);
        targetRow("GC pauses at " + rate + " req/s in 30 s (one-rate) ≤ 5, longest ≤ 5 ms",
                pauses == null ? "n/a (not measured in this run)"
                        : "**" + f("%.0f", pauses) + "**, longest **" + f("%.1f", longest) + " ms** (total "
                                + r("one-rate.gc_total_ms") + " ms" + ("30".equals(duration) ? "" : ", in " + duration + " s")
                                + ")" + invalidNote("one-rate"),
                gcMet, previousTargets.containsKey("gc_pauses")
                        ? previousFigure("gc_pauses", "%.0f", "") + ", longest " + previousFigure("gc_max_ms", "%.1f", " ms")
                        : "not reported");

        Double rps = targets.get("sat_1party_rps");
        targetRow("audited 1-party prefills/s at saturation (everything on these " + s("CORES") + " cores) ≥ 2,500",
                rps == null ? "n/a (not measured in this run)"
                        : "**" + f("%.1f", rps) + " req/s** (one-sat)" + invalidNote("one-sat"),
                met(rps, false, 2500, "one-sat"), previousFigure("sat_1party_rps", "%.1f", " req/s"));

        Double ready = targets.get("ready_ms");
        targetRow("process start → `/q/health/ready` 200 (packaged, PostgreSQL already up) ≤ 1,500 ms",
                ready == null ? "n/a (not measured in this run)" : "**" + f("%.0f", ready) + " ms** (first start)",
                met(ready, true, 1500), previousFigure("ready_ms", "%.0f", " ms"));

        Double rss = targets.get("rss_mib");
        boolean afterRun = r.containsKey("rss.after_run_mib");
        String rssText = rss == null ? "n/a (not measured in this run)"
                : "**" + f("%.0f", rss) + " MiB** at -Xmx" + xmx + (afterRun ? " (after the whole run)"
                        : " (after the saturation, audit and steady-rate runs: this run did not record `rss.after_run_mib`)")
                        + ("256m".equalsIgnoreCase(xmx) ? "" : "; the target is for -Xmx256m");
        String previousXmx = previous.get("setting.GATEWAY_XMX");
        targetRow("resident memory after the whole run, -Xmx256m ≤ 256 MiB", rssText, met(rss, true, 256),
                previousFigure("rss_mib", "%.0f", " MiB") + (previousXmx != null && previousTargets.containsKey("rss_mib")
                        ? " at -Xmx" + previousXmx : ""));

        Double perCommit = targets.get("audit_records_per_commit");
        md.append("| audit records per commit at saturation (group commit) | ")
                .append(perCommit == null ? "n/a (not measured in this run)" : "**" + f("%.2f", perCommit) + "** (one-sat)")
                .append(" | ").append(perCommit == null ? "n/a (not measured in this run)" : "reported").append(" | ")
                .append(previousName == null ? "" : previousFigure("audit_records_per_commit", "%.2f", "")).append(" |\n\n");

        List<String> generator = new ArrayList<>();
        for (String[] run : new String[][] {{"one-sat", "wrk"}, {"one-rate", "LoadClient"}}) {
            Double cpu = loadGeneratorCpu(run[0]);
            double sent = sent(run[0]);
            if (cpu != null && sent > 0) {
                generator.add(f("%.2f", 1000 * cpu / sent) + " ms (" + run[1] + ", " + run[0] + ")");
            }
        }
        md.append("load generator CPU per request: ")
                .append(generator.isEmpty() ? "n/a (not measured in this run)" : String.join(" / ", generator))
                .append(" — what the benchmark's process tree used beyond the gateway, the upstreams and PostgreSQL"
                        + " (the harness's polling included), ÷ requests sent.\n\n");
    }

    // ============================================================================ the report

    private void report(boolean latencyChart, boolean throughputChart) throws IOException {
        String rate = s("RATE");
        String latency = s("LATENCY_MS");
        double maxOther = 0;
        for (Map.Entry<String, String> e : r.entrySet()) {
            if (e.getKey().endsWith(".other_cpu")) {
                Double v = num(r, e.getKey());
                maxOther = Math.max(maxOther, v == null ? 0 : v);
            }
        }
        List<String> skipped = new ArrayList<>();
        for (String run : MEASURED_RUNS) {
            boolean noauditUnsupported = run.startsWith("noaudit-") && "no".equals(r.get("noaudit.supported"));
            if (!ran(run) && !noauditUnsupported) {
                skipped.add(run);
            }
        }
        if (!r.containsKey("verify.exit")) {
            skipped.add("audit-verify");
        }
        long elapsed = Math.round(Optional.ofNullable(num(r, "setting.ELAPSED")).orElse(0.0));
        List<String> envNames = Arrays.stream(s("GATEWAY_ENV_NAMES").split("\\s+")).filter(x -> !x.isEmpty()).toList();

        md.append("# dancu-gateway benchmark — ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append("\n\n| | |\n|---|---|\n");
        row2("run", stem + " (" + ("quick".equals(s("SCENARIOS")) ? "`BENCH_SCENARIOS=quick`" : "all scenarios") + ")");
        row2("cores (nproc)", s("CORES"));
        row2("memory (free -h)", s("MEMORY"));
        row2("CPU", s("CPU_MODEL").isEmpty() ? "unknown" : s("CPU_MODEL"));
        row2("JVM", s("JVM"));
        row2("OS", s("OS"));
        row2("git commit", s("COMMIT"));
        row2("load generators", s("WRK_VERSION") + "; bench/lib/LoadClient.java (java.net.http)");
        row2("heaps", "gateway -Xmx" + s("GATEWAY_XMX") + ", upstreams -Xmx" + s("UPSTREAMS_XMX") + ", load client -Xmx"
                + s("CLIENT_XMX"));
        row2("gateway JVM options (DANCU_JVM_OPTS of docker/Dockerfile.jvm unless BENCH_JAVA_OPTS)",
                s("GATEWAY_JAVA_OPTS").isEmpty() ? "(none)" : "`" + s("GATEWAY_JAVA_OPTS") + "`");
        row2("run time", (elapsed / 60) + " min " + (elapsed % 60) + " s");
        row2("load average at start; most CPU used by other processes during a run",
                s("LOAD_AT_START") + "; " + f("%.0f", maxOther) + " %");
        md.append('\n');
        md.append("Everything runs on this one machine and shares its cores: the load generator, the gateway\n"
                + "(`java -jar target/quarkus-app/quarkus-run.jar`), the upstreams process\n"
                + "(NPD simulator over the synthetic population, identity provider) and PostgreSQL for the audit trail\n"
                + "(`fsync` and `synchronous_commit` on, as in production). The gateway reaches them over loopback\n"
                + "HTTP/JDBC, configured only through environment variables: ")
                .append(envNames.stream().map(n -> "`" + n + "`").collect(Collectors.joining(" ")))
                .append("\n(values from `UpstreamsMain`")
                .append("off".equals(s("GATEWAY_LIMITS")) ? "; the gateway's outgoing NPD quota switched off and the caller"
                        + " budgets raised out of reach, the limiter still in the path — `BENCH_GATEWAY_LIMITS=default` keeps them" : "")
                .append(").\n");
        if (maxOther > 10) {
            md.append("\n**Warning: processes outside the benchmark used up to ").append(f("%.0f", maxOther))
                    .append(" % of the CPU during a run (column \"other CPU\" below), so these figures may understate"
                            + " what the gateway does on a quiet machine.**\n");
        }
        if (!skipped.isEmpty()) {
            md.append("\n**Not run")
                    .append("quick".equals(s("SCENARIOS")) ? " (`BENCH_SCENARIOS=quick`)" : "")
                    .append(": ").append(skipped.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
                    .append("** — their figures read \"n/a (not measured in this run)\".\n");
        }
        md.append('\n');

        issue11Targets();
        issue4Targets(rate, latency);
        charts(latencyChart, throughputChart, rate);
        auditTrail();
        scenarios(rate, latency);
        cpu();
        profiles();
        startup();
        method(rate, latency);
    }

    private void row2(String a, String b) {
        md.append("| ").append(a).append(" | ").append(b).append(" |\n");
    }

    private void issue4Targets(String rate, String latency) {
        double fixed = Optional.ofNullable(num(r, "setting.LATENCY_MS")).orElse(0.0);
        Double oneP50 = d("one-rate.p50_ms");
        Double oneP99 = d("one-rate.p99_ms");
        Double threeP50 = d("three-rate.p50_ms");
        Double threeP99 = d("three-rate.p99_ms");
        Double oneAdded99 = oneP99 == null ? null : oneP99 - fixed;
        Double fanout = ratio(threeP50, oneP50, 1);
        Boolean addedMet = oneAdded99 == null ? null : oneAdded99 <= 5 && valid("one-rate");
        Boolean fanoutMet = fanout == null ? null : fanout <= 1.2 && valid("one-rate") && valid("three-rate");
        Double outageP99 = d("outage.p99_ms");
        Boolean outageMet = outageP99 == null ? null
                : outageP99 <= 100 && Optional.ofNullable(d("outage.requests")).orElse(0.0) > 0 && unexpected("outage") == 0;
        long unexpectedTotal = 0;
        StringBuilder unexpectedRuns = new StringBuilder();
        for (String name : ANSWER_RUNS) {
            long n = unexpected(name);
            if (n > 0) {
                unexpectedTotal += n;
                unexpectedRuns.append(name).append(" (").append(answers(name)).append("); ");
            }
        }
        md.append("## Earlier targets (issue 4)\n\n| target | figure | verdict |\n|---|---|---|\n");
        md.append("| added latency p99 ≤ 5 ms at ").append(rate).append(" req/s (1-party prefill p99 − the stub's ")
                .append(latency).append(" ms) | ");
        if (oneP99 == null) {
            md.append("n/a (not measured in this run)");
        } else {
            md.append("p99 ").append(r("one-rate.p99_ms")).append(" ms − ").append(latency).append(" = **")
                    .append(f("%.2f", oneAdded99)).append(" ms** (p50 +").append(f("%.2f", minus(oneP50, fixed)))
                    .append(" ms; 3-party: ")
                    .append(threeP50 == null ? "not measured" : "p50 +" + f("%.2f", threeP50 - fixed) + ", p99 +"
                            + f("%.2f", minus(threeP99, fixed)) + " ms")
                    .append(").").append(invalidNote("one-rate"));
        }
        md.append(" | ").append(verdict(addedMet)).append(" |\n");
        md.append("| 3-party p50 ≤ 1.2 × 1-party p50 with a ").append(latency).append(" ms upstream (at ").append(rate)
                .append(" req/s) | ")
                .append(fanout == null ? "n/a (not measured in this run)"
                        : r("three-rate.p50_ms") + " / " + r("one-rate.p50_ms") + " ms = **" + f("%.3f", fanout) + "**."
                                + invalidNote("one-rate", "three-rate"))
                .append(" | ").append(verdict(fanoutMet)).append(" |\n");
        md.append("| p99 ≤ 100 ms during an NPD outage once the breaker is open | ")
                .append(outageP99 == null ? "n/a (not measured in this run)"
                        : "p99 **" + r("outage.p99_ms") + " ms** at " + rate + " req/s; answers: " + answers("outage")
                                + "; NPD breaker " + r("outage.circuit_before") + " at the start, " + r("outage.circuit_after")
                                + " at the end, NPD calls per request " + perRequest("outage"))
                .append(" | ").append(verdict(outageMet)).append(" |\n");
        md.append("| no error other than the designed 503/429 in any run | ").append(unexpectedTotal)
                .append(" unexpected answers").append(unexpectedRuns.length() > 0 ? ": " + unexpectedRuns : "")
                .append(" | ").append(verdict(unexpectedTotal == 0)).append(" |\n");
        md.append("| the gateway's saturation throughput next to the stub's own | stub ").append(r("stub-sat.rps"))
                .append(" req/s; 1-party prefill ").append(r("one-sat.rps")).append(" req/s (")
                .append(f("%.0f", ratio(d("one-sat.rps"), d("stub-sat.rps"), 100))).append(" %); 3-party ")
                .append(r("three-sat.rps")).append(" req/s (").append(f("%.0f", ratio(d("three-sat.rps"), d("stub-sat.rps"), 100)))
                .append(" %).").append(invalidNote("one-sat", "three-sat")).append(" | reported |\n");

        if (Boolean.FALSE.equals(addedMet)) {
            Double stubAdded = minus(d("stub-rate.p99_ms"), fixed);
            Double share = minus(oneP99, d("stub-rate.p99_ms"));
            double oneSent = sent("one-rate");
            md.append("\nAdded latency, where it goes (p99 at ").append(rate).append(" req/s): the load client and the stub alone, straight\n"
                    + "(stub-direct run), already add ").append(f("%.2f", stubAdded)).append(" ms over the fixed ").append(latency)
                    .append(" ms; the gateway's own\nshare (1-party prefill p99 − stub-direct p99) is ").append(f("%.2f", share))
                    .append(" ms, which includes the audit record\ncommitted to PostgreSQL before the answer is released"
                            + " (issue 3, audit before release): one fsync\non this disk takes ")
                    .append(r("disk.fsync_p50_ms")).append(" ms (p50) to ").append(r("disk.fsync_p99_ms"))
                    .append(" ms (p99) (bench/lib/FsyncProbe.java), and\neach prefill waits for the group commit under way,"
                            + " if any, and then for its own. During that run\nthe gateway also stopped ")
                    .append(r("one-rate.gc_pauses")).append(" times for garbage collection, the longest pause ")
                    .append(r("one-rate.gc_max_ms")).append(" ms\n(total ").append(r("one-rate.gc_total_ms"))
                    .append(" ms, about ")
                    .append(f("%.0f", 1024 * Optional.ofNullable(d("one-rate.gc_alloc_mb")).orElse(0.0) / Math.max(1, oneSent)))
                    .append(" KiB of heap allocated per prefill): a prefill in flight during a\npause waits it out."
                            + " The gateway's CPU per prefill is in \"Where the CPU went\" below; all processes\nshare ")
                    .append(s("CORES")).append(" cores.\n");
        }
        if (Boolean.FALSE.equals(fanoutMet)) {
            md.append("\nFan-out: 3-party p50 ").append(r("three-rate.p50_ms")).append(" ms vs 1-party ")
                    .append(r("one-rate.p50_ms")).append(" ms; the gateway asks the three\nparties in parallel"
                            + " (NPD calls per request: 3-party ").append(perRequest("three-rate")).append(", 1-party ")
                    .append(perRequest("one-rate")).append(").\n");
        }
        if (Boolean.FALSE.equals(outageMet)) {
            md.append("\nOutage: the NPD breaker was ").append(r("outage.circuit_before")).append(" when the run began (after ")
                    .append(r("outage.opened_after")).append("\npriming prefills) and ").append(r("outage.circuit_after"))
                    .append(" at its end; NPD calls per request during the run:\n").append(perRequest("outage"))
                    .append(" (0 means no call reached the NPD).\n");
        }
        md.append('\n');
    }

    private void charts(boolean latencyChart, boolean throughputChart, String rate) {
        md.append("## Charts\n\n");
        if (latencyChart) {
            md.append("Latency percentiles per second of the steady-rate runs (").append(rate)
                    .append(" req/s, open loop, latency from each request's due time; `LoadClient --series`):\n\n![Latency"
                            + " percentiles per second of the steady-rate runs](").append(stem).append("-latency.png)\n\n");
        } else {
            md.append("No latency series in this run (the steady-rate runs did not write `WORK/NAME-series.txt`).\n\n");
        }
        if (throughputChart) {
            md.append("Throughput per scenario (saturation runs; the audit load run is a closed loop)")
                    .append(previousName == null ? "" : ", with the previous report's figure marked")
                    .append(":\n\n![Throughput per scenario](").append(stem).append("-throughput.png)\n\n");
        } else {
            md.append("No saturation run in this run: no throughput chart.\n\n");
        }
    }

    private void auditTrail() {
        md.append("## Audit trail (issue 3)\n\n| check | figure | verdict |\n|---|---|---|\n");
        String notRun = " | not run in this run | n/a (not measured in this run) |\n";
        md.append("| one audit record per 200 answer, ").append(ran("load") ? r("load.requests") : s("LOAD_REQUESTS"))
                .append(" prefills, every answer awaited");
        if (ran("load")) {
            md.append(" | ").append(r("load.audit.client_200")).append(" answers 200; records for the run ")
                    .append(r("load.audit.records_with_prefix")).append(" (with outcome 200: ").append(r("load.audit.records_200"))
                    .append("); missing ").append(r("load.audit.missing")).append(", duplicated ").append(r("load.audit.duplicated"))
                    .append(", wrong outcome ").append(r("load.audit.wrong_outcome"))
                    .append(", records of a 200 the client did not get ").append(r("load.audit.extra_200")).append(" | ")
                    .append(r("load.audit.verdict")).append(" |\n");
        } else {
            md.append(notRun);
        }
        md.append("| gateway killed with SIGKILL after ").append(s("KILL_AFTER"))
                .append(" s of load: every 200 the client received has its record");
        if (ran("kill")) {
            md.append(" | ").append(r("kill.audit.client_200")).append(" answers 200 before the kill; missing ")
                    .append(r("kill.audit.missing")).append(", duplicated ").append(r("kill.audit.duplicated"))
                    .append(", wrong outcome ").append(r("kill.audit.wrong_outcome"))
                    .append("; records of requests in flight at the kill (committed, answer lost): ")
                    .append(r("kill.audit.extra_200")).append("; client saw: ").append(answers("kill")).append(" | ")
                    .append(r("kill.audit.verdict")).append(" |\n");
        } else {
            md.append(notRun);
        }
        md.append("| chain verification (`java -jar quarkus-run.jar audit-verify`) over everything written, the killed"
                + " instance's records included");
        if (r.containsKey("verify.exit")) {
            md.append(" | exit ").append(r("verify.exit")).append(": `").append(r("verify.json")).append("` | ")
                    .append("0".equals(r("verify.exit")) ? "PASS" : "FAIL").append(" |\n");
        } else {
            md.append(notRun);
        }
        String supported = r.get("noaudit.supported");
        if ("yes".equals(supported)) {
            md.append("| throughput with and without the audit trail (saturation, fresh gateway with"
                    + " `GATEWAY_AUDIT_ENABLED=false`, same warm-up) | 1-party: ").append(r("one-sat.rps")).append(" with, ")
                    .append(r("noaudit-one-sat.rps")).append(" without req/s (")
                    .append(f("%.0f", ratio(d("one-sat.rps"), d("noaudit-one-sat.rps"), 100))).append(" %); 3-party: ")
                    .append(r("three-sat.rps")).append(" with, ").append(r("noaudit-three-sat.rps")).append(" without (")
                    .append(f("%.0f", ratio(d("three-sat.rps"), d("noaudit-three-sat.rps"), 100))).append(" %) | reported |\n");
        } else if ("no".equals(supported)) {
            md.append("| throughput with and without the audit trail | with: 1-party ").append(r("one-sat.rps"))
                    .append(", 3-party ").append(r("three-sat.rps")).append(" req/s. Without: not measured — this build has"
                            + " no switch to turn the audit trail off (a gateway started with `GATEWAY_AUDIT_ENABLED=false`"
                            + " still wrote a record) | reported (with only) |\n");
        } else {
            md.append("| throughput with and without the audit trail").append(notRun);
        }
        md.append('\n');
    }

    private void scenarios(String rate, String latency) {
        md.append("## Scenarios\n\nLatencies in ms. \"NPD calls/req\" = API calls the NPD simulator counted during the"
                + " run ÷ requests\nsent (warm-up included). \"other CPU\" = the share of the machine's CPU that processes"
                + " outside this\nbenchmark used during the run (from /proc: busy time minus the benchmark's own process"
                + " tree); on a\nquiet machine it is 0 %.\n\n");
        md.append("| scenario | tool | requests | req/s | p50 | p90 | p99 | max | answers | NPD calls/req | other CPU |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("stub-sat", "stub alone (baseline), saturation");
        rows.put("one-sat", "1-party prefill (judicial record), saturation");
        rows.put("three-sat", "3-party prefill (birth registration), saturation");
        rows.put("repeat-sat", "same case and party repeated (cache hits, if any), saturation");
        rows.put("load", "audit load run (issue 3)");
        rows.put("stub-rate", "stub alone, " + latency + " ms delay, " + rate + " req/s");
        rows.put("one-rate", "1-party prefill, " + latency + " ms NPD, " + rate + " req/s");
        rows.put("three-rate", "3-party prefill, " + latency + " ms NPD, " + rate + " req/s");
        rows.put("outage", "NPD in maintenance, breaker open, " + rate + " req/s");
        rows.put("kill", "SIGKILL run (until the kill)");
        rows.put("noaudit-one-sat", "1-party prefill, saturation, audit trail off");
        rows.put("noaudit-three-sat", "3-party prefill, saturation, audit trail off");
        List<String> notRun = new ArrayList<>();
        rows.forEach((name, label) -> {
            if (!ran(name)) {
                if (!name.startsWith("noaudit-")) {
                    notRun.add(name);
                }
                return;
            }
            md.append("| ").append(label).append(" | ").append(r(name + ".tool")).append(" | ").append(r(name + ".requests"))
                    .append(" | ").append(r(name + ".rps")).append(" | ").append(r(name + ".p50_ms")).append(" | ")
                    .append(r(name + ".p90_ms")).append(" | ").append(r(name + ".p99_ms")).append(" | ")
                    .append(r(name + ".max_ms")).append(" | ").append(answers(name)).append(" | ").append(perRequest(name))
                    .append(" | ").append(r(name + ".other_cpu")).append(" |\n");
        });
        if (!notRun.isEmpty()) {
            md.append("\nNot run: ").append(String.join(", ", notRun)).append(".\n");
        }
        md.append('\n');
    }

    private void cpu() {
        md.append("## Where the CPU went\n\nCPU time per request in ms (the process's CPU during the run ÷ requests"
                + " sent, from /proc; the\nload generator's share is what remains of the benchmark's process tree, so"
                + " approximate), how\nbusy the machine's ").append(s("CORES")).append(" cores were, and the gateway's"
                + " garbage-collection pauses during the run\n(`-Xlog:gc`, the only flag the benchmark adds to the packaged"
                + " gateway's command line).\n\n");
        md.append("| scenario | req/s | gateway | PostgreSQL | upstreams JVM (NPD, IdP) | load generator and harness |"
                + " machine busy | gateway GC pauses (count, longest, total) | gateway heap allocated per request |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (String n : List.of("stub-sat", "one-sat", "three-sat", "repeat-sat", "load", "stub-rate", "one-rate",
                "three-rate", "outage")) {
            double sent = sent(n);
            Double gw = d(n + ".cpu_gw_s");
            Double generator = loadGeneratorCpu(n);
            if (sent <= 0 || gw == null || generator == null) {
                continue;
            }
            md.append("| ").append(n).append(" | ").append(r(n + ".rps")).append(" | ").append(f("%.2f", 1000 * gw / sent))
                    .append(" | ").append(f("%.2f", 1000 * d(n + ".cpu_pg_s") / sent)).append(" | ")
                    .append(f("%.2f", 1000 * d(n + ".cpu_up_s") / sent)).append(" | ").append(f("%.2f", 1000 * generator / sent))
                    .append(" | ").append(r(n + ".busy_cpu")).append(" | ").append(r(n + ".gc_pauses")).append(", ")
                    .append(r(n + ".gc_max_ms")).append(" ms, ").append(r(n + ".gc_total_ms")).append(" ms | ")
                    .append(f("%.0f", 1024 * Optional.ofNullable(d(n + ".gc_alloc_mb")).orElse(0.0) / sent)).append(" KiB |\n");
        }
        md.append('\n');
    }

    private void profiles() throws IOException {
        md.append("## Profile (JFR)\n\nThe gateway recorded by JFR (`jcmd PID JFR.start settings=profile`) during a separate ")
                .append(s("PROFILE_DURATION")).append(" s\n1-party saturation run, summarised by bench/lib/JfrSummary.java"
                        + " (one section per `profile*.md` of the run).\n\n");
        List<Path> files;
        try (Stream<Path> list = Files.list(work)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("profile") && n.endsWith(".md");
            }).sorted().toList();
        }
        if (files.isEmpty()) {
            md.append("(no profile: BENCH_PROFILE_DURATION=0)\n\n");
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            String what = name.equals("profile.md") ? "1-party saturation" : name.substring("profile".length(), name.length() - 3)
                    .replaceFirst("^[-_.]", "").replace('-', ' ');
            md.append("### ").append(what).append(" (`").append(name).append("`)\n\n");
            String text = Files.readString(p, StandardCharsets.UTF_8).strip();
            md.append(text).append("\n\n");
        }
    }

    private void startup() {
        md.append("## Start-up and memory\n\n| | |\n|---|---|\n");
        row2("time to ready (process start → first 200 on /q/health/ready), first start", r("start.first.ready_ms") + " ms");
        row2("time to first successful prefill, first start", r("start.first.prefill_ms") + " ms");
        row2("time to ready / first prefill, second start (audit-off run)",
                r.containsKey("start.noaudit.ready_ms") ? r("start.noaudit.ready_ms") + " ms / " + r("start.noaudit.prefill_ms") + " ms"
                        : "not run in this run");
        row2("gateway resident memory after the saturation, audit and steady-rate runs (ps -o rss)",
                r("rss.after_load_mib") + " MiB (heap capped at " + s("GATEWAY_XMX") + ")");
        if (r.containsKey("rss.after_run_mib")) {
            row2("gateway resident memory after the whole run (ps -o rss)", r("rss.after_run_mib") + " MiB (heap capped at "
                    + s("GATEWAY_XMX") + ")");
        }
        row2("recovery after the NPD came back (first 200 with the breaker CLOSED)",
                r.containsKey("outage.recovery_ms") ? r("outage.recovery_ms") + " ms" : "not run in this run");
        md.append('\n');
    }

    private void method(String rate, String latency) throws IOException {
        long applicants = 0;
        long births = 0;
        Path citizens = work.resolve("citizens.txt");
        if (Files.exists(citizens)) {
            for (String line : Files.readAllLines(citizens)) {
                applicants += line.startsWith("applicant") ? 1 : 0;
                births += line.startsWith("birth") ? 1 : 0;
            }
        }
        md.append("## Method\n\n");
        md.append("- **Parties**: ").append(applicants).append(" living adults and ").append(births)
                .append(" (mother, father, declarant)\n  triples of three different living people from the synthetic"
                        + " population (`UpstreamsMain --citizens-file`),\n  cycled through; every request has its own"
                        + " `X-Request-Id` and (except the repeat run) its own case id.\n");
        md.append("- **Saturation**: `wrk -t").append(s("THREADS")).append(" -c").append(s("CONNECTIONS")).append(" -d")
                .append(s("SAT_DURATION")).append("s` with `bench/lib/wrk.lua` after a ").append(s("WARMUP"))
                .append(" s warm-up\n  of the fresh gateway; the NPD answers without delay, so these runs measure CPU cost."
                        + " The baseline is\n  the same wrk against the stub's `GET /api/v1/citizens/{id}?fields=…` (the"
                        + " judicial record's 17 fields,\n  with the stub's own token and the purpose headers).\n");
        md.append("- **Steady rate**: wrk2 is not packaged by Debian, so `bench/lib/LoadClient.java` runs an open loop:"
                + " request\n  *i* is due at start + *i*/").append(rate).append(" s whatever happened before, and its"
                + " latency counts from that due time\n  (a stall is charged to every request it delayed, as in wrk2),"
                + " after a 5 s warm-up of the client's JVM.\n  The NPD answers every call after ").append(latency)
                .append(" ms (a Vert.x timer). Added latency = prefill percentile − ").append(latency)
                .append(" ms;\n  the stub-direct run at the same rate shows what the client, loopback and stub add by"
                        + " themselves. `--series` writes\n  the percentiles of each second (requests counted in the second"
                        + " they were due) for the latency chart.\n");
        md.append("- **Outage**: the stub goes into maintenance (503 MAINTENANCE, Retry-After 5 s, still after ").append(latency)
                .append(" ms); single\n  prefills are sent until /q/health/ready reports the NPD circuit OPEN or 20 in a"
                        + " row fail fast (< 100 ms: the\n  gateway honours the NPD's Retry-After without calling it), then ")
                .append(rate).append(" req/s for ").append(s("OUTAGE_DURATION")).append(" s are\n  measured (half-open probes"
                        + " included). Then maintenance ends and the time to recover is measured.\n");
        md.append("- **Audit load run**: ").append(s("LOAD_REQUESTS")).append(" prefills from ").append(s("CONNECTIONS"))
                .append(" closed-loop callers, every answer awaited; the ids of\n  the 200 answers are compared with"
                        + " `audit_record.request_id` (bench/lib/AuditCheck.java over JDBC).\n");
        md.append("- **SIGKILL run**: the same load; after ").append(s("KILL_AFTER")).append(" s the gateway gets `kill"
                + " -KILL`; the client stops at\n  its first connection error; every 200 it received must have exactly"
                + " one record.\n");
        md.append("- **Memory**: RSS of the gateway process after the load above; **start-up**: from launching `java` to"
                + " the first 200.\n");
        md.append("- **Report**: bench/lib/BenchReport.java writes this file, the two charts and `").append(stem)
                .append(".properties` (every figure above, machine-readable) from the run's work directory; the"
                        + " \"previous report\" column comes from the newest earlier `YYYY-MM-DD-HHMM.properties` here.\n");
    }

    // ============================================================================ charts

    private static final Color[] PERCENTILE_COLOURS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0xd62728)};
    private static final String[] PERCENTILES = {"p50", "p90", "p99", "max"};
    private static final Font TITLE = new Font("DejaVu Sans", Font.BOLD, 17);
    private static final Font LABEL = new Font("DejaVu Sans", Font.PLAIN, 13);
    private static final Font SMALL = new Font("DejaVu Sans", Font.PLAIN, 12);
    private static final Color GRID = new Color(0xe4e4e4);

    /** One line of LoadClient's --series file. */
    record Second(int second, long count, double[] ms) { }

    static List<Second> readSeries(Path file) throws IOException {
        List<Second> series = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] p = line.strip().split("\\s+");
            if (line.startsWith("#") || p.length < 6) {
                continue;
            }
            series.add(new Second(Integer.parseInt(p[0]), Long.parseLong(p[1]), new double[] {Double.parseDouble(p[2]),
                Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5])}));
        }
        return series;
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** A step of 1, 2 or 5 × 10^n giving about {@code ticks} intervals over {@code range}. */
    static double niceStep(double range, int ticks) {
        if (range <= 0) {
            return 1;
        }
        double raw = range / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * magnitude;
    }

    private static String tick(double v, double step) {
        return step >= 1 ? grouped(v) : f(step >= 0.1 ? "%.1f" : "%.2f", v);
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (x - m.stringWidth(text) / 2.0), (float) y);
    }

    private static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
            new float[] {6, 4}, 0);

    /** Latency percentiles per second, one panel per steady-rate run that wrote a series. */
    private boolean latencyChart(Path png) throws IOException {
        Map<String, String> runs = new LinkedHashMap<>();
        String rate = s("RATE");
        String latency = s("LATENCY_MS");
        runs.put("stub-rate", "stub alone (NPD " + latency + " ms), " + rate + " req/s — stub-rate");
        runs.put("one-rate", "1-party prefill (NPD " + latency + " ms), " + rate + " req/s — one-rate");
        runs.put("three-rate", "3-party prefill (NPD " + latency + " ms), " + rate + " req/s — three-rate");
        runs.put("outage", "NPD in maintenance, breaker open, " + rate + " req/s — outage");
        Map<String, List<Second>> panels = new LinkedHashMap<>();
        boolean any = false;
        for (String name : runs.keySet()) {
            Path file = work.resolve(name + "-series.txt");
            List<Second> series = Files.exists(file) ? readSeries(file) : List.of();
            any |= !series.isEmpty();
            if (!series.isEmpty() || !name.equals("outage")) {
                panels.put(name, series);
            }
        }
        if (!any) {
            Files.deleteIfExists(png);
            return false;
        }
        int width = 1100;
        int panelHeight = 250;
        int top = 86;
        int left = 78;
        int right = 24;
        int height = top + panels.size() * panelHeight + 34;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString("dancu-gateway benchmark " + stem + " — latency percentiles per second (open loop, " + rate
                + " req/s)", left - 50, 28);
        // legend
        g.setFont(LABEL);
        int lx = left - 50;
        for (int i = 0; i < PERCENTILES.length; i++) {
            g.setColor(PERCENTILE_COLOURS[i]);
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(lx, 52, lx + 26, 52);
            g.setColor(Color.BLACK);
            g.drawString(PERCENTILES[i], lx + 32, 57);
            lx += 32 + g.getFontMetrics().stringWidth(PERCENTILES[i]) + 26;
        }
        g.setColor(Color.GRAY);
        g.setStroke(DASHED);
        g.drawLine(lx, 52, lx + 26, 52);
        g.setColor(Color.BLACK);
        g.drawString("the NPD's fixed delay (" + latency + " ms)", lx + 32, 57);
        g.setFont(SMALL);
        g.setColor(Color.DARK_GRAY);
        String how = "latency from each request's due time; one point per second of requests";
        g.drawString(how, width - right - g.getFontMetrics().stringWidth(how), 57);

        double fixed = Optional.ofNullable(num(r, "setting.LATENCY_MS")).orElse(0.0);
        int y0 = top;
        for (Map.Entry<String, List<Second>> panel : panels.entrySet()) {
            int plotTop = y0 + 26;
            int plotBottom = y0 + panelHeight - 44;
            int plotLeft = left;
            int plotRight = width - right;
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            String summary = ran(panel.getKey()) ? "   (whole run: p50 " + r(panel.getKey() + ".p50_ms") + ", p99 "
                    + r(panel.getKey() + ".p99_ms") + ", max " + r(panel.getKey() + ".max_ms") + " ms)" : "";
            g.drawString(runs.get(panel.getKey()) + summary, plotLeft, y0 + 16);
            List<Second> series = panel.getValue();
            if (series.isEmpty()) {
                g.setColor(Color.GRAY);
                g.drawRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
                centred(g, "not measured in this run", (plotLeft + plotRight) / 2.0, (plotTop + plotBottom) / 2.0);
                y0 += panelHeight;
                continue;
            }
            double xMax = series.get(series.size() - 1).second() + 1;
            double yMax = fixed;
            for (Second s : series) {
                for (double v : s.ms()) {
                    yMax = Math.max(yMax, v);
                }
            }
            double yStep = niceStep(yMax, 5);
            double yTop = Math.ceil(yMax * 1.05 / yStep) * yStep;
            double xStep = niceStep(xMax, 10);
            Function<Double, Double> px = x -> plotLeft + (plotRight - plotLeft) * x / xMax;
            Function<Double, Double> py = y -> plotBottom - (plotBottom - plotTop) * y / yTop;
            // grid and axes
            g.setFont(SMALL);
            g.setStroke(new BasicStroke(1));
            for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
                int yy = (int) Math.round(py.apply(y));
                g.setColor(GRID);
                g.drawLine(plotLeft, yy, plotRight, yy);
                g.setColor(Color.DARK_GRAY);
                String t = tick(y, yStep);
                g.drawString(t, plotLeft - 8 - g.getFontMetrics().stringWidth(t), yy + 4);
            }
            for (double x = 0; x <= xMax + 1e-9; x += xStep) {
                int xx = (int) Math.round(px.apply(x));
                g.setColor(GRID);
                g.drawLine(xx, plotTop, xx, plotBottom);
                g.setColor(Color.DARK_GRAY);
                centred(g, tick(x, xStep), xx, plotBottom + 16);
            }
            g.setColor(Color.BLACK);
            g.drawRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
            centred(g, "seconds into the measured run", (plotLeft + plotRight) / 2.0, plotBottom + 33);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            centred(g, "latency (ms)", -(plotTop + plotBottom) / 2.0, plotLeft - 50);
            g.setTransform(saved);
            if (fixed > 0) {
                g.setColor(Color.GRAY);
                g.setStroke(DASHED);
                int yy = (int) Math.round(py.apply(fixed));
                g.drawLine(plotLeft, yy, plotRight, yy);
            }
            // lines, max drawn first so the lower percentiles stay on top
            for (int i = PERCENTILES.length - 1; i >= 0; i--) {
                Path2D.Double line = new Path2D.Double();
                boolean first = true;
                for (Second s : series) {
                    double x = px.apply(s.second() + 0.5);
                    double y = py.apply(s.ms()[i]);
                    if (first) {
                        line.moveTo(x, y);
                        first = false;
                    } else {
                        line.lineTo(x, y);
                    }
                }
                g.setColor(PERCENTILE_COLOURS[i]);
                g.setStroke(new BasicStroke(i == 3 ? 1.5f : 2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(line);
            }
            y0 += panelHeight;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        return true;
    }

    /** One bar of the throughput chart. */
    record Bar(String name, String label, double rps, Color colour, Double previous) { }

    /** Requests/s per scenario as horizontal bars; the stub's bar is cut when it would flatten the others. */
    private boolean throughputChart(Path png) throws IOException {
        Color baseline = new Color(0x9a9a9a);
        Color audited = new Color(0x1f77b4);
        Color closed = new Color(0x2ca02c);
        Color noaudit = new Color(0xff7f0e);
        Object[][] wanted = {
            {"stub-sat", "stub alone (baseline)", baseline},
            {"one-sat", "1-party prefill", audited},
            {"three-sat", "3-party prefill", audited},
            {"repeat-sat", "same case repeated", audited},
            {"noaudit-one-sat", "1-party, audit trail off", noaudit},
            {"noaudit-three-sat", "3-party, audit trail off", noaudit},
            {"load", "audit load run (closed loop)", closed},
        };
        List<Bar> bars = new ArrayList<>();
        for (Object[] w : wanted) {
            String name = (String) w[0];
            Double rps = d(name + ".rps");
            if (rps != null) {
                bars.add(new Bar(name, (String) w[1], rps, (Color) w[2], num(previous, name + ".rps")));
            }
        }
        if (bars.isEmpty()) {
            Files.deleteIfExists(png);
            return false;
        }
        double target = 2500;
        double others = target;
        double stub = 0;
        for (Bar b : bars) {
            if (b.name().equals("stub-sat")) {
                stub = Math.max(b.rps(), b.previous() == null ? 0 : b.previous());
            } else {
                others = Math.max(others, Math.max(b.rps(), b.previous() == null ? 0 : b.previous()));
            }
        }
        boolean cut = stub > 3 * others;
        double xMax = (cut ? others : Math.max(others, stub)) * 1.12;
        double step = niceStep(xMax, 8);
        xMax = Math.ceil(xMax / step) * step;

        int width = 1100;
        int left = 250;
        int right = 110;
        int top = 84;
        int barHeight = 30;
        int gap = 14;
        int plotBottom = top + bars.size() * (barHeight + gap) + gap;
        int height = plotBottom + 56;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString("dancu-gateway benchmark " + stem + " — throughput per scenario (requests/s)", 20, 28);
        g.setFont(LABEL);
        int lx = 20;
        Object[][] legend = {{baseline, "stub alone"}, {audited, "gateway, audit trail on"},
            {noaudit, "gateway, audit trail off"}, {closed, "closed-loop load run"}};
        for (Object[] l : legend) {
            if (bars.stream().noneMatch(bar -> bar.colour().equals(l[0]))) {
                continue;
            }
            g.setColor((Color) l[0]);
            g.fillRect(lx, 44, 16, 14);
            g.setColor(Color.BLACK);
            g.drawString((String) l[1], lx + 22, 56);
            lx += 22 + g.getFontMetrics().stringWidth((String) l[1]) + 22;
        }
        if (previousName != null) {
            g.setStroke(new BasicStroke(3));
            g.drawLine(lx + 6, 42, lx + 6, 60);
            g.drawString("previous report (" + previousName + ")", lx + 16, 56);
            lx += 16 + g.getFontMetrics().stringWidth("previous report (" + previousName + ")") + 22;
        }
        g.setColor(new Color(0xd62728));
        g.setStroke(DASHED);
        g.drawLine(lx, 51, lx + 26, 51);
        g.setColor(Color.BLACK);
        g.drawString("target: 1-party ≥ 2,500", lx + 32, 56);

        int plotLeft = left;
        int plotRight = width - right;
        double span = xMax;
        Function<Double, Double> px = x -> plotLeft + (plotRight - plotLeft) * Math.min(x, span) / span;
        g.setFont(SMALL);
        g.setStroke(new BasicStroke(1));
        for (double x = 0; x <= xMax + step / 2; x += step) {
            int xx = (int) Math.round(px.apply(x));
            g.setColor(GRID);
            g.drawLine(xx, top, xx, plotBottom);
            g.setColor(Color.DARK_GRAY);
            centred(g, tick(x, step), xx, plotBottom + 16);
        }
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        centred(g, "requests per second (wrk saturation runs; the audit load run: LoadClient, " + s("CONNECTIONS")
                + " callers)", (plotLeft + plotRight) / 2.0, plotBottom + 38);
        // the target first: bars and their figures drawn over it
        g.setColor(new Color(0xd62728));
        g.setStroke(DASHED);
        int xt = (int) Math.round(px.apply(target));
        g.drawLine(xt, top, xt, plotBottom);
        int y = top + gap;
        for (Bar b : bars) {
            int x1 = (int) Math.round(px.apply(b.rps()));
            g.setColor(b.colour());
            g.fillRect(plotLeft, y, x1 - plotLeft, barHeight);
            boolean barCut = b.rps() > xMax;
            if (barCut) {
                // the break mark: two white slants across the bar near its (cut) end
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(4));
                for (int k = 0; k < 2; k++) {
                    int bx = x1 - 40 + 12 * k;
                    g.drawLine(bx, y + barHeight + 2, bx + 10, y - 2);
                }
            }
            boolean previousCut = b.previous() != null && b.previous() > xMax;
            if (b.previous() != null && !previousCut) {
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(3));
                int xp = (int) Math.round(px.apply(b.previous()));
                g.drawLine(xp, y - 4, xp, y + barHeight + 4);
            }
            g.setColor(Color.BLACK);
            g.setFont(LABEL);
            String label = b.label();
            g.drawString(label, plotLeft - 10 - g.getFontMetrics().stringWidth(label), y + barHeight / 2 + 5);
            if (barCut) { // the figure inside the bar, left of the break mark
                String value = f("%,.1f", b.rps()) + " (bar cut" + (previousCut ? "; previous report "
                        + f("%,.1f", b.previous()) : "") + ")";
                g.drawString(value, x1 - 52 - g.getFontMetrics().stringWidth(value), y + barHeight / 2 + 5);
            } else {
                g.drawString(f("%,.1f", b.rps()), x1 + 8, y + barHeight / 2 + 5);
            }
            y += barHeight + gap;
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(plotLeft, top, plotLeft, plotBottom);
        g.drawLine(plotLeft, plotBottom, plotRight, plotBottom);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        return true;
    }

    static {
        // a report must not fail for want of a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
