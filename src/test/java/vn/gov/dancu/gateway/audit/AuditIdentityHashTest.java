package vn.gov.dancu.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The identity proof in the hash chain (identity, issue 8): covered when set, absent from the
 * canonical form when not, so every record written before the column existed hashes exactly as
 * it did and the chain stays verifiable across the migration.
 */
class AuditIdentityHashTest {

    private static AuditEntry entry() {
        return new AuditEntry(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                Instant.parse("2026-11-29T08:00:00Z"), "req-1", "cs.officer", "UBND-P-TANPHU", "counter-app",
                "PREFILL", "BIRTH_REGISTRATION", "HS-1", "basis",
                List.of(new AuditEntry.Party("mother", "070190004521", List.of("fullName"))), 200, List.of(),
                List.of(new AuditEntry.UpstreamCall("NPD", "070190004521", List.of("fullName"), 200)));
    }

    @Test
    void anEntryWithoutAProofHashesAsBeforeTheColumnExisted() {
        String canonical = AuditChain.canonical(entry());
        assertFalse(canonical.contains("identity"), canonical);
        // The canonical form of a pre-identity record, written out: the chain's arithmetic unchanged.
        assertEquals("{\"agency\":\"UBND-P-TANPHU\",\"at\":\"2026-11-29T08:00:00Z\",\"caseId\":\"HS-1\","
                + "\"clientId\":\"counter-app\",\"id\":\"00000000-0000-0000-0000-000000000001\",\"issueCodes\":[],"
                + "\"legalBasis\":\"basis\",\"officer\":\"cs.officer\",\"operation\":\"PREFILL\",\"outcome\":200,"
                + "\"parties\":[{\"personalId\":\"070190004521\",\"releasedFields\":[\"fullName\"],\"role\":\"mother\"}],"
                + "\"procedure\":\"BIRTH_REGISTRATION\",\"requestId\":\"req-1\",\"upstreamCalls\":[{\"fields\":"
                + "[\"fullName\"],\"personalId\":\"070190004521\",\"status\":200,\"upstream\":\"NPD\"}]}", canonical);
    }

    @Test
    void aProofIsCoveredByTheHash() {
        AuditEntry plain = entry();
        AuditEntry proven = plain.withIdentity(new AuditEntry.Identity("VNEID_QR", 2, "declarant"), List.of());
        assertTrue(AuditChain.canonical(proven).contains("\"identity\":{\"level\":2,\"matchedRole\":\"declarant\","
                + "\"method\":\"VNEID_QR\"}"), AuditChain.canonical(proven));
        assertNotEquals(AuditChain.hash(AuditChain.GENESIS, 1, plain), AuditChain.hash(AuditChain.GENESIS, 1, proven));
        AuditEntry lowered = plain.withIdentity(new AuditEntry.Identity("VNEID_QR", 1, "declarant"), List.of());
        assertNotEquals(AuditChain.hash(AuditChain.GENESIS, 1, proven), AuditChain.hash(AuditChain.GENESIS, 1, lowered),
                "changing the recorded level breaks the chain");
    }
}
