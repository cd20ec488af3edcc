import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what the load client saw with the gateway's audit trail (table {@code audit_record}).
 *
 * <pre>
 * java -cp "out:target/quarkus-app/lib/main/*" AuditCheck --jdbc URL --user U --password P \
 *      --prefix r1-load --ids ok-ids.txt --mode exact|kill [--result FILE]
 * java -cp ... AuditCheck --jdbc URL --user U --password P --prefix r1-probe --count
 * </pre>
 *
 * <p>{@code --ids} lists the X-Request-Id of every 200 answer the client received; every request
 * of the run carried an id starting with {@code --prefix}. For each such 200 there must be exactly
 * one record, with outcome 200 ({@code missing}, {@code duplicated}, {@code wrong_outcome} must be
 * 0). In {@code exact} mode (the client waited for every answer) there must also be no record of
 * a 200 the client did not receive ({@code extra_200}); in {@code kill} mode such records are the
 * requests in flight when the gateway died, and are only counted. Prints {@code key=value} lines
 * and {@code verdict=PASS|FAIL}; exit status 0 on PASS, 2 on FAIL. {@code --count} prints only the
 * number of records whose request id has the prefix.
 */
public final class AuditCheck {

    private AuditCheck() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].substring(2);
            options.put(name, name.equals("count") ? "true" : args[++i]);
        }
        String prefix = options.get("prefix");
        Map<String, int[]> records = new HashMap<>(); // request id -> {count, min outcome, max outcome}
        try (Connection db = DriverManager.getConnection(options.get("jdbc"), options.get("user"),
                options.get("password"));
             PreparedStatement query = db.prepareStatement("SELECT request_id, count(*), min(outcome), max(outcome)"
                     + " FROM audit_record WHERE left(request_id, ?) = ? GROUP BY request_id")) {
            query.setInt(1, prefix.length());
            query.setString(2, prefix);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.put(rows.getString(1), new int[] {rows.getInt(2), rows.getInt(3), rows.getInt(4)});
                }
            }
        }
        if (options.containsKey("count")) {
            System.out.println(records.values().stream().mapToInt(r -> r[0]).sum());
            return;
        }
        boolean exact = "exact".equals(options.getOrDefault("mode", "exact"));
        List<String> lines = Files.readAllLines(Path.of(options.get("ids")));
        Set<String> ok = new HashSet<>();
        long repeatedIds = 0;
        for (String line : lines) {
            if (!line.isBlank() && !ok.add(line.strip())) {
                repeatedIds++;
            }
        }
        long missing = 0;
        long duplicated = 0;
        long wrongOutcome = 0;
        for (String id : ok) {
            int[] record = records.get(id);
            if (record == null) {
                missing++;
            } else {
                if (record[0] != 1) {
                    duplicated++;
                }
                if (record[1] != 200 || record[2] != 200) {
                    wrongOutcome++;
                }
            }
        }
        long records200 = 0;
        long extra200 = 0;
        long recordsTotal = 0;
        for (Map.Entry<String, int[]> e : records.entrySet()) {
            recordsTotal += e.getValue()[0];
            if (e.getValue()[2] == 200) {
                records200++;
                if (!ok.contains(e.getKey())) {
                    extra200++;
                }
            }
        }
        boolean pass = missing == 0 && duplicated == 0 && wrongOutcome == 0 && repeatedIds == 0
                && (!exact || extra200 == 0);
        Map<String, String> result = new LinkedHashMap<>();
        result.put("client_200", String.valueOf(ok.size()));
        result.put("records_with_prefix", String.valueOf(recordsTotal));
        result.put("records_200", String.valueOf(records200));
        result.put("missing", String.valueOf(missing));
        result.put("duplicated", String.valueOf(duplicated));
        result.put("wrong_outcome", String.valueOf(wrongOutcome));
        result.put("extra_200", String.valueOf(extra200));
        result.put("verdict", pass ? "PASS" : "FAIL");
        StringBuilder text = new StringBuilder();
        result.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        System.out.print(text);
        if (options.containsKey("result")) {
            Files.writeString(Path.of(options.get("result")), text);
        }
        System.exit(pass ? 0 : 2);
    }
}
