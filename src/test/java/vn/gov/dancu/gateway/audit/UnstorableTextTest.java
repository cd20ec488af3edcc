package vn.gov.dancu.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * Issue 7: text PostgreSQL refuses (U+0000: SQL state 22021 in TEXT, 22P05 in JSONB; unpaired
 * surrogates, which have no UTF-8 form) never sinks a group commit. Every audited text is made
 * storable before it is hashed, and a record the database refuses all the same is written apart
 * from the others of its batch.
 */
@QuarkusTest
class UnstorableTextTest extends GatewayTest {

    /** NUL and a lone high surrogate, between storable text. */
    private static final String UNSTORABLE = "x\u0000\uD800y";
    private static final String STORED = "x\uFFFD\uFFFDy";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    AuditAppender appender;

    @Inject
    AuditVerifier verifier;

    @BeforeEach
    void emptyTrail() {
        AuditTables.reset(dataSource, writer);
    }

    @ParameterizedTest
    @ValueSource(strings = { "requestId", "officer", "agency", "clientId", "operation", "procedure", "caseId",
            "legalBasis", "party.role", "party.personalId", "party.releasedField", "issueCode", "upstream.system",
            "upstream.personalId", "upstream.field" })
    void unstorableTextInAnyAuditedFieldIsCommittedReplacedAndTheChainVerifies(String field) throws Exception {
        AuditEntry entry = withText(field, UNSTORABLE);

        writer.submit(entry).get(10, TimeUnit.SECONDS);

        AuditTables.Row row = AuditTables.all(dataSource).stream().filter(r -> r.id().equals(entry.id().toString()))
                .findFirst().orElseThrow();
        assertEquals(STORED, stored(row, field), "stored with the replacement character");
        assertTrue(verifier.verify().valid(), "hashed as stored");
    }

    @Test
    void recordTheDatabaseRefusesDoesNotSinkTheOthersOfItsBatch() throws Exception {
        AuditEntry existing = AuditTables.entry("cs.one", Instant.now());
        appender.append(List.of(existing));
        AuditEntry sameId = new AuditEntry(existing.id(), Instant.now(), "dup", "cs.two", Officers.AGENCY,
                "counter-app", "PREFILL", null, null, null, List.of(), 400, List.of(), List.of());
        List<CompletableFuture<Long>> others = new ArrayList<>();
        CompletableFuture<Long> refused;
        try (Connection locker = AuditTables.lockChainHead(dataSource)) {
            CompletableFuture<Long> plug = writer.submit(AuditTables.entry("cs.plug", Instant.now()));
            awaitWriterBlocked();
            others.add(plug);
            others.add(writer.submit(AuditTables.entry("cs.three", Instant.now())));
            refused = writer.submit(sameId); // a unique-key violation (23505): bad data, not a bad database
            others.add(writer.submit(AuditTables.entry("cs.four", Instant.now())));
            await().atMost(AuditTables.LANDING).until(() -> writer.pending() == 4);
            locker.rollback();
        }

        for (CompletableFuture<Long> other : others) {
            other.get(10, TimeUnit.SECONDS);
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertInstanceOf(AuditUnavailableException.class, e.getCause());
        assertEquals(4, AuditTables.number(dataSource, "SELECT count(*) FROM audit_record"), "all but the refused one");
        assertTrue(verifier.verify().valid());
    }

    /**
     * Over HTTP: a request whose body carries U+0000 is refused 400 and recorded (sanitised); a
     * grant committed in the same batch still gets its data. (Token claims with U+0000 never get this
     * far: a malformed officer, agency or client id is refused 403 at the edge — TokenClaimsTest; the
     * store's own sanitising of those fields is proved field by field above.)
     */
    @Test
    void refusalWithNulInClaimsAndBodyIsRecordedAndAGrantInItsBatchIsReleased() throws Exception {
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString())));
        String refusedId = "nul-" + UUID.randomUUID();
        String grantedId = "nul-" + UUID.randomUUID();
        CompletableFuture<Response> granted;
        Response refused;
        // Both paths warmed up first: the plug below holds the writer only for its write timeout
        // (2 s), and the refusal and the grant must both reach the queue within it.
        asCivilStatusOfficer().contentType("application/json").body("{\"caseId\":\"HS-WARM\",\"parties\":{}}")
                .post(Prefills.path("birth-registration")).then().statusCode(400);
        asCivilStatusOfficer().contentType("application/json").body(Prefills.bodyWithCaseId("HS-WARM", "mother", MOTHER))
                .post(Prefills.path("birth-registration")).then().statusCode(200);
        AuditTables.awaitIdle(writer);
        try (Connection locker = AuditTables.lockChainHead(dataSource)) {
            writer.submit(AuditTables.entry("cs.plug", Instant.now()));
            awaitWriterBlocked();
            refused = asCivilStatusOfficer().header("X-Request-Id", refusedId).contentType("application/json")
                    .body("{\"caseId\":\"HS-\\u0000-1\",\"parties\":{\"mother\":\"0701900045\\u000021\"}}")
                    .post(Prefills.path("birth-registration"));
            granted = CompletableFuture.supplyAsync(() -> asCivilStatusOfficer().header("X-Request-Id", grantedId)
                    .contentType("application/json").body(Prefills.bodyWithCaseId("HS-NUL-2", "mother", MOTHER))
                    .post(Prefills.path("birth-registration")));
            // plug, refusal and grant wait for the writer: the refusal and the grant share a batch
            await().atMost(AuditTables.LANDING).until(() -> writer.pending() == 3);
            locker.rollback();
        }

        granted.get(10, TimeUnit.SECONDS).then().statusCode(200);
        refused.then().statusCode(400);
        AuditTables.Row row = AuditTables.awaitOnlyRecord(dataSource, writer, refusedId);
        assertAll(
                () -> assertEquals(400, row.outcome()),
                () -> assertEquals("HS-\uFFFD-1", row.caseId()),
                () -> assertEquals("0701900045\uFFFD21", row.party("mother").path("personalId").asText()),
                () -> assertEquals(Officers.CIVIL_STATUS_OFFICER, row.officer()));
        assertEquals(200, AuditTables.awaitOnlyRecord(dataSource, writer, grantedId).outcome());
        assertTrue(verifier.verify().valid());
    }


    /** The writer took its first batch and waits for the head lock: what is submitted now queues behind it. */
    private void awaitWriterBlocked() {
        await().atMost(AuditTables.LANDING).until(() -> AuditTables.number(dataSource,
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                        + " WHERE c.relname = 'audit_chain_head' AND NOT l.granted") > 0);
    }

    private static AuditEntry withText(String field, String text) {
        AuditEntry e = AuditTables.entry("cs.one", Instant.now());
        AuditEntry.Party party = e.parties().get(0);
        AuditEntry.UpstreamCall call = e.upstreamCalls().get(0);
        return switch (field) {
            case "requestId" -> copy(e, text, e.officer(), e.agency(), e.clientId(), e.operation(),
                    e.procedure(), e.caseId(), e.legalBasis(), e.parties(), e.issueCodes(), e.upstreamCalls());
            case "officer" -> copy(e, e.requestId(), text, e.agency(), e.clientId(), e.operation(), e.procedure(),
                    e.caseId(), e.legalBasis(), e.parties(), e.issueCodes(), e.upstreamCalls());
            case "agency" -> copy(e, e.requestId(), e.officer(), text, e.clientId(), e.operation(), e.procedure(),
                    e.caseId(), e.legalBasis(), e.parties(), e.issueCodes(), e.upstreamCalls());
            case "clientId" -> copy(e, e.requestId(), e.officer(), e.agency(), text, e.operation(), e.procedure(),
                    e.caseId(), e.legalBasis(), e.parties(), e.issueCodes(), e.upstreamCalls());
            case "operation" -> copy(e, e.requestId(), e.officer(), e.agency(), e.clientId(), text, e.procedure(),
                    e.caseId(), e.legalBasis(), e.parties(), e.issueCodes(), e.upstreamCalls());
            case "procedure" -> copy(e, e.requestId(), e.officer(), e.agency(), e.clientId(), e.operation(), text,
                    e.caseId(), e.legalBasis(), e.parties(), e.issueCodes(), e.upstreamCalls());
            case "caseId" -> copy(e, e.requestId(), e.officer(), e.agency(), e.clientId(), e.operation(),
                    e.procedure(), text, e.legalBasis(), e.parties(), e.issueCodes(), e.upstreamCalls());
            case "legalBasis" -> copy(e, e.requestId(), e.officer(), e.agency(), e.clientId(), e.operation(),
                    e.procedure(), e.caseId(), text, e.parties(), e.issueCodes(), e.upstreamCalls());
            case "party.role" -> withParty(e, new AuditEntry.Party(text, party.personalId(), party.releasedFields()));
            case "party.personalId" -> withParty(e, new AuditEntry.Party(party.role(), text, party.releasedFields()));
            case "party.releasedField" -> withParty(e, new AuditEntry.Party(party.role(), party.personalId(),
                    List.of(text)));
            case "issueCode" -> copy(e, e.requestId(), e.officer(), e.agency(), e.clientId(), e.operation(),
                    e.procedure(), e.caseId(), e.legalBasis(), e.parties(), List.of(text), e.upstreamCalls());
            case "upstream.system" -> withCall(e, new AuditEntry.UpstreamCall(text, call.personalId(), call.fields(),
                    call.status()));
            case "upstream.personalId" -> withCall(e, new AuditEntry.UpstreamCall(call.upstream(), text,
                    call.fields(), call.status()));
            case "upstream.field" -> withCall(e, new AuditEntry.UpstreamCall(call.upstream(), call.personalId(),
                    List.of(text), call.status()));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static String stored(AuditTables.Row row, String field) {
        return switch (field) {
            case "requestId" -> row.requestId();
            case "officer" -> row.officer();
            case "agency" -> row.agency();
            case "clientId" -> row.clientId();
            case "operation" -> row.operation();
            case "procedure" -> row.procedure();
            case "caseId" -> row.caseId();
            case "legalBasis" -> row.legalBasis();
            case "party.role" -> row.parties().get(0).path("role").asText();
            case "party.personalId" -> row.parties().get(0).path("personalId").asText();
            case "party.releasedField" -> row.parties().get(0).path("releasedFields").get(0).asText();
            case "issueCode" -> row.issueCodes().get(0).asText();
            case "upstream.system" -> row.upstreamCalls().get(0).path("upstream").asText();
            case "upstream.personalId" -> row.upstreamCalls().get(0).path("personalId").asText();
            case "upstream.field" -> row.upstreamCalls().get(0).path("fields").get(0).asText();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static AuditEntry withParty(AuditEntry e, AuditEntry.Party party) {
        return copy(e, e.requestId(), e.officer(), e.agency(), e.clientId(), e.operation(), e.procedure(),
                e.caseId(), e.legalBasis(), List.of(party), e.issueCodes(), e.upstreamCalls());
    }

    private static AuditEntry withCall(AuditEntry e, AuditEntry.UpstreamCall call) {
        return copy(e, e.requestId(), e.officer(), e.agency(), e.clientId(), e.operation(), e.procedure(),
                e.caseId(), e.legalBasis(), e.parties(), e.issueCodes(), List.of(call));
    }

    private static AuditEntry copy(AuditEntry e, String requestId, String officer, String agency, String clientId,
            String operation, String procedure, String caseId, String legalBasis, List<AuditEntry.Party> parties,
            List<String> issueCodes, List<AuditEntry.UpstreamCall> calls) {
        return new AuditEntry(e.id(), e.at(), requestId, officer, agency, clientId, operation, procedure, caseId,
                legalBasis, parties, e.outcome(), issueCodes, calls);
    }
}
