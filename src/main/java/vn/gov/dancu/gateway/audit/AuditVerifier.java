package vn.gov.dancu.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * Walks the chain from its anchor to its head and names the first record that is not what was
 * written: modified (its hash no longer matches its content), deleted (a gap in the sequence),
 * inserted or reordered (its previous hash is not the hash before it), appended behind the
 * writers' back (beyond the head they recorded), the tail cut off (the head says more was
 * written), or a signed checkpoint that the chain no longer passes through.
 *
 * <p>What it cannot see without a key: someone who can write the tables may recompute every hash
 * from the record they changed onwards and move the head (or move the anchor, as retention
 * does). Only a signed checkpoint at or after the change exposes that (CHECKPOINT_MISMATCH); keep
 * {@code gateway.audit.checkpoint-key} outside the database.
 */
@ApplicationScoped
public class AuditVerifier {

    /** Why verification stopped. */
    public enum Reason {
        HASH_MISMATCH, SEQUENCE_GAP, PREVIOUS_HASH_MISMATCH, UNREADABLE_RECORD, TAIL_MISSING, BEYOND_HEAD,
        CHECKPOINT_MISMATCH
    }

    /**
     * @param firstInvalidId the id of the first bad record (null when the damage is not a record, e.g. TAIL_MISSING)
     * @param firstInvalidSeq its sequence number, or where the missing part starts
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(boolean valid, long checked, String firstInvalidId, Long firstInvalidSeq, Reason reason) {
        static Result ok(long checked) {
            return new Result(true, checked, null, null, null);
        }
    }

    @Inject
    AuditChainReader chain;

    @Inject
    GatewayConfig config;

    /** Verifies the chain as of one moment (one database snapshot), however busy the writers are. */
    public Result verify() throws SQLException {
        return chain.inSnapshot(snapshot -> {
            ChainPoint anchor = snapshot.anchor();
            ChainPoint head = snapshot.head();
            Map<Long, String> checkpoints = signedCheckpoints(snapshot.checkpoints(anchor.seq()));
            Walk walk = new Walk(anchor, head);
            snapshot.scan(anchor.seq(), row -> walk.step(row, checkpoints));
            if (walk.failure != null) {
                return walk.failure;
            }
            boolean signedBeyondEnd = checkpoints.keySet().stream().anyMatch(seq -> seq > walk.seq);
            if (walk.seq < head.seq() || signedBeyondEnd || walk.seq == head.seq() && !walk.hash.equals(head.hash())) {
                return new Result(false, walk.checked, null, walk.seq + 1, Reason.TAIL_MISSING);
            }
            return Result.ok(walk.checked);
        });
    }

    /** Checkpoints whose signature is valid; a forged one is reported as a mismatch at its seq. */
    private Map<Long, String> signedCheckpoints(List<Checkpoint> rows) {
        Map<Long, String> valid = new HashMap<>();
        Optional<byte[]> key = config.audit().checkpointKey().map(k -> k.getBytes(StandardCharsets.UTF_8));
        if (key.isEmpty()) {
            return valid;
        }
        for (Checkpoint cp : rows) {
            boolean signed = AuditChain.sign(key.get(), cp.seq(), cp.hash()).equals(cp.signature());
            valid.put(cp.seq(), signed ? cp.hash() : "forged");
        }
        return valid;
    }

    private static final class Walk {
        final long headSeq;
        long seq;
        String hash;
        long checked;
        Result failure;

        Walk(ChainPoint anchor, ChainPoint head) {
            this.seq = anchor.seq();
            this.hash = anchor.hash();
            this.headSeq = head.seq();
        }

        void step(AuditRow row, Map<Long, String> checkpoints) {
            if (failure != null) {
                return; // keep draining the cursor, but the first failure is the answer
            }
            String id = row.id() == null ? null : row.id().toString();
            if (row.seq() > headSeq) {
                // Writers move the head in the transaction that appends; in one snapshot a record
                // past it was put there by someone else, however well its hashes are forged.
                failure = new Result(false, checked, id, row.seq(), Reason.BEYOND_HEAD);
            } else if (row.seq() != seq + 1) {
                failure = new Result(false, checked, id, row.seq(), Reason.SEQUENCE_GAP);
            } else if (!row.prevHash().equals(hash)) {
                failure = new Result(false, checked, id, row.seq(), Reason.PREVIOUS_HASH_MISMATCH);
            } else if (row.entry() == null) {
                failure = new Result(false, checked, id, row.seq(), Reason.UNREADABLE_RECORD);
            } else if (!AuditChain.hash(hash, row.seq(), row.entry()).equals(row.hash())) {
                failure = new Result(false, checked, id, row.seq(), Reason.HASH_MISMATCH);
            } else if (checkpoints.containsKey(row.seq()) && !checkpoints.get(row.seq()).equals(row.hash())) {
                failure = new Result(false, checked, id, row.seq(), Reason.CHECKPOINT_MISMATCH);
            }
            if (failure == null) {
                seq = row.seq();
                hash = row.hash();
                checked++;
            }
        }
    }
}
