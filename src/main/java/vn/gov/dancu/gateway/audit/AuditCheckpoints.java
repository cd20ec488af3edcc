package vn.gov.dancu.gateway.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The signed checkpoints of the chain head ({@code audit_checkpoint}). Blocks. */
@ApplicationScoped
public class AuditCheckpoints {

    @Inject
    AgroalDataSource dataSource;

    /** Stores a signed checkpoint; a second one for the same seq (another instance) is ignored. */
    public void save(ChainPoint point, String signature) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_checkpoint (seq, hash, signature, at) VALUES (?, ?, ?, now())"
                        + " ON CONFLICT (seq) DO NOTHING")) {
            s.setLong(1, point.seq());
            s.setString(2, point.hash());
            s.setString(3, signature);
            s.executeUpdate();
        }
    }

    /** Signed checkpoints after {@code afterSeq}, in order. */
    public List<Checkpoint> after(long afterSeq) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return after(c, afterSeq);
        }
    }

    static List<Checkpoint> after(Connection c, long afterSeq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, hash, signature FROM audit_checkpoint WHERE seq > ? ORDER BY seq")) {
            s.setLong(1, afterSeq);
            try (ResultSet rs = s.executeQuery()) {
                List<Checkpoint> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        }
    }
}
