package vn.gov.dancu.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chain's arithmetic without a database: the canonical form and the hash are deterministic,
 * cover every field, and do not depend on how a text's diacritics happen to be encoded.
 */
class AuditChainTest {

    private static final UUID ID = UUID.fromString("3f6c1d2e-8a4b-4f0e-9c1d-2b3a4c5d6e7f");
    private static final Instant AT = Instant.parse("2026-11-29T08:15:02.318402Z");
    private static final String PREVIOUS = "ab".repeat(32);
    private static final String OFFICER = "Nguyễn Văn Thành";

    private static AuditEntry entry() {
        return new AuditEntry(ID, AT, "counter-42-0001", OFFICER, "UBND-P-TANPHU", "counter-app", "PREFILL",
                "BIRTH_REGISTRATION", "HS-2026-000123", "Luật Hộ tịch 2014 Điều 13–16",
                List.of(new AuditEntry.Party("mother", "070190004521", List.of("fullName", "dateOfBirth")),
                        new AuditEntry.Party("father", "070089001234", List.of())),
                200, List.of("PARTIAL_DATE_OF_BIRTH"),
                List.of(new AuditEntry.UpstreamCall("NPD", "070190004521", List.of("fullName", "dateOfBirth"), 200),
                        new AuditEntry.UpstreamCall("NPD", "070089001234", List.of("fullName"), 404)));
    }

    /** A copy of {@link #entry()} with one component changed. */
    private static AuditEntry with(Map<String, Object> change) {
        AuditEntry e = entry();
        return new AuditEntry((UUID) change.getOrDefault("id", e.id()), (Instant) change.getOrDefault("at", e.at()),
                (String) change.getOrDefault("requestId", e.requestId()),
                (String) change.getOrDefault("officer", e.officer()), (String) change.getOrDefault("agency", e.agency()),
                (String) change.getOrDefault("clientId", e.clientId()),
                (String) change.getOrDefault("operation", e.operation()),
                (String) change.getOrDefault("procedure", e.procedure()),
                (String) change.getOrDefault("caseId", e.caseId()),
                (String) change.getOrDefault("legalBasis", e.legalBasis()),
                cast(change.getOrDefault("parties", e.parties())), (Integer) change.getOrDefault("outcome", e.outcome()),
                cast(change.getOrDefault("issueCodes", e.issueCodes())),
                cast(change.getOrDefault("upstreamCalls", e.upstreamCalls())));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }

    @Test
    void sameEntryGivesTheSameCanonicalFormAndHash() {
        assertEquals(AuditChain.canonical(entry()), AuditChain.canonical(entry()));
        assertEquals(AuditChain.hash(PREVIOUS, 7, entry()), AuditChain.hash(PREVIOUS, 7, entry()));
        assertTrue(AuditChain.hash(PREVIOUS, 7, entry()).matches("[0-9a-f]{64}"), "hex SHA-256");
    }

    @Test
    void canonicalFormIsSortedCompactJsonWithUtcInstants() {
        String canonical = AuditChain.canonical(entry());
        assertTrue(canonical.startsWith("{\"agency\":\"UBND-P-TANPHU\",\"at\":\"2026-11-29T08:15:02.318402Z\","),
                canonical);
        assertTrue(!canonical.contains(" \"") && !canonical.contains("\n"), "no whitespace between tokens");
        assertTrue(canonical.contains("\"officer\":\"" + OFFICER + "\""), "text as it is, not escaped");
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("id", UUID.randomUUID()),
                Arguments.of("at", AT.plusNanos(1000)),
                Arguments.of("requestId", "counter-42-0002"),
                Arguments.of("officer", "Nguyễn Văn Thanh"),
                Arguments.of("agency", "UBND-X-TANHUNG"),
                Arguments.of("clientId", "other-app"),
                Arguments.of("operation", "VERIFY"),
                Arguments.of("procedure", "DEATH_REGISTRATION"),
                Arguments.of("caseId", "HS-2026-000124"),
                Arguments.of("legalBasis", "Luật Hộ tịch 2014 Điều 32–34"),
                Arguments.of("parties", List.of(new AuditEntry.Party("mother", "070190004521", List.of("fullName")),
                        new AuditEntry.Party("father", "070089001234", List.of()))),
                Arguments.of("parties", List.of(new AuditEntry.Party("father", "070089001234", List.of()),
                        new AuditEntry.Party("mother", "070190004521", List.of("fullName", "dateOfBirth")))),
                Arguments.of("outcome", 503),
                Arguments.of("issueCodes", List.of()),
                Arguments.of("upstreamCalls", List.of(
                        new AuditEntry.UpstreamCall("NPD", "070190004521", List.of("fullName", "dateOfBirth"), 200),
                        new AuditEntry.UpstreamCall("NPD", "070089001234", List.of("fullName"), 410))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyFieldChangedGivesAnotherHash(String field, Object value) {
        assertNotEquals(AuditChain.hash(PREVIOUS, 7, entry()), AuditChain.hash(PREVIOUS, 7, with(Map.of(field, value))),
                field + " is covered by the hash");
    }

    @Test
    void placeInTheChainIsPartOfTheHash() {
        String hash = AuditChain.hash(PREVIOUS, 7, entry());
        assertNotEquals(hash, AuditChain.hash(PREVIOUS, 8, entry()), "sequence number");
        assertNotEquals(hash, AuditChain.hash(AuditChain.GENESIS, 7, entry()), "previous hash");
    }

    @Test
    void vietnameseTextHashesTheSameComposedOrDecomposed() {
        String decomposed = Normalizer.normalize(OFFICER, Normalizer.Form.NFD);
        assertNotEquals(OFFICER, decomposed, "the fixture really has combining marks");
        UnaryOperator<String> hashOf = officer -> AuditChain.hash(PREVIOUS, 7, with(Map.of("officer", officer)));

        assertEquals(hashOf.apply(OFFICER), hashOf.apply(decomposed));
        assertEquals(AuditChain.canonical(entry()), AuditChain.canonical(with(Map.of("officer", decomposed))));
    }

    @Test
    void instantsAreHashedAtTheDatabasesMicrosecondPrecision() {
        // PostgreSQL gives back microseconds: nanoseconds must not make a stored record fail to verify.
        assertEquals(AuditChain.hash(PREVIOUS, 7, entry()),
                AuditChain.hash(PREVIOUS, 7, with(Map.of("at", AT.plusNanos(999)))));
    }
}
