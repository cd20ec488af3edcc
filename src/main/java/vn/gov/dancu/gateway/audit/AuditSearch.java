package vn.gov.dancu.gateway.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The access-log query for auditors and the citizen export. Read-only; blocks. */
@ApplicationScoped
public class AuditSearch {

    @Inject
    AgroalDataSource dataSource;

    /** Filters of the access-log query; {@code null} means "any". Values must be storable text (validated at the edge). */
    public record Query(String personalId, String caseId, String officer, String agency, Instant from, Instant to,
            int page, int size) {
    }

    /** Newest first, one page; one row more than {@code size} when a further page exists. */
    public List<AuditRow> find(Query q) throws SQLException {
        StringBuilder sql = new StringBuilder(AuditRows.SELECT + " FROM audit_record WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.personalId() != null) {
            sql.append(" AND parties @> ?::jsonb");
            args.add(AuditRows.partyWithPersonalId(q.personalId()));
        }
        if (q.caseId() != null) {
            sql.append(" AND case_id = ?");
            args.add(q.caseId());
        }
        if (q.officer() != null) {
            sql.append(" AND officer = ?");
            args.add(q.officer());
        }
        if (q.agency() != null) {
            sql.append(" AND agency = ?");
            args.add(q.agency());
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(q.to()));
        }
        sql.append(" ORDER BY seq DESC LIMIT ? OFFSET ?");
        args.add(q.size() + 1); // one more tells the caller whether there is a next page
        args.add((long) q.page() * q.size());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                List<AuditRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(AuditRows.read(rs));
                }
                return rows;
            }
        }
    }
}
