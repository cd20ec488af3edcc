package vn.gov.dancu.gateway.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jose4j.jwt.JwtClaims;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.InjectVneid;
import vn.gov.dancu.gateway.testing.LogCapture;
import vn.gov.dancu.gateway.testing.ManualClock;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Problems;
import vn.gov.dancu.sandbox.npd.SandboxPersonas;
import vn.gov.dancu.sandbox.vneid.VneidSimulator;

/**
 * VNeID identity proofs end to end (spec §5.2, issue 8): {@code POST /api/v1/identity/verify} with
 * a QR code (success and every refusal) and with an ID token (success, a rotated key, a wrong
 * audience), VNeID down within the deadline, the prefill's {@code identity} block
 * (IDENTITY_MISMATCH, IDENTITY_LEVEL_TOO_LOW, IN_PERSON, nothing fetched on a failed proof), and
 * the credentials kept out of logs and the audit trail.
 */
@QuarkusTest
class IdentityVerificationTest extends GatewayTest {

    private static final String PATH = "/api/v1/identity/verify";
    private static final String CASE = "HS-2026-000123";

    @InjectVneid
    VneidSimulator vneid;

    @InjectVneid
    ManualClock vneidClock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter auditWriter;

    @BeforeEach
    void resetVneidSimulator() {
        vneid.reset();
        // The gateway checks ID tokens against the real clock: the simulator starts each test there.
        vneidClock.set(java.time.Instant.ofEpochMilli(System.currentTimeMillis()));
    }

    private Response verify(String token, Map<String, Object> body) {
        // Responses held to openapi.yaml; requests may break it on purpose.
        return as(token).filter(OpenApiValidation.responseFilter()).contentType("application/json").body(body)
                .post(PATH);
    }

    private Response verifyQr(String code) {
        return verify(Officers.civilStatus(), Map.of("caseId", CASE, "method", "VNEID_QR", "code", code));
    }

    private String qr(String personalId) {
        return vneid.qrCode(personalId).orElseThrow();
    }

    // --- QR codes -------------------------------------------------------------------------------

    @Test
    void redeemsAQrCodeAndRecordsTheProofWithoutTheCode() throws Exception {
        String code = qr(SandboxPersonas.MOTHER);
        Response ok;
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start(Level.ALL, "vn.gov.dancu", "io.quarkus", "org.jboss")) {
            ok = verifyQr(code);
            lines = capture.lines();
        }
        assertEquals(200, ok.statusCode(), ok.asString());
        JsonPath body = ok.jsonPath();
        assertEquals(SandboxPersonas.MOTHER, body.getString("personalId"));
        assertEquals("Nguyễn Thị Lan", body.getString("fullName"));
        assertEquals("FEMALE", body.getString("gender"));
        assertEquals(2, body.getInt("identificationLevel"));
        assertEquals("VNEID_QR", body.getString("method"));
        assertEquals(ok.header("X-Request-Id"), body.getString("requestId"));

        String record = auditRow(ok.header("X-Request-Id"));
        assertTrue(record.contains("IDENTITY_VERIFICATION"), record);
        assertTrue(record.contains("\"method\": \"VNEID_QR\"") || record.contains("\"method\":\"VNEID_QR\""), record);
        assertTrue(record.contains("VNEID"), record);
        assertFalse(record.contains(code), "the QR code is never recorded");
        lines.forEach(l -> assertFalse(l.text().contains(code), () -> "the QR code reached a log line: " + l));
    }

    @Test
    void aReplayedQrCodeIs409() {
        String code = qr(SandboxPersonas.MOTHER);
        assertEquals(200, verifyQr(code).statusCode());
        Problems.assertProblem(verifyQr(code), 409, "IDENTITY_PROOF_USED");
    }

    @Test
    void anExpiredQrCodeIs422CodeExpired() {
        String code = qr(SandboxPersonas.MOTHER);
        vneidClock.advance(Duration.ofSeconds(121));
        JsonPath problem = Problems.assertProblem(verifyQr(code), 422, "IDENTITY_PROOF_INVALID");
        assertEquals("CODE_EXPIRED", problem.getString("reason"));
    }

    @Test
    void anInventedQrCodeIs422CodeInvalid() {
        JsonPath problem = Problems.assertProblem(verifyQr("VNEID-QR-invented-by-someone"), 422,
                "IDENTITY_PROOF_INVALID");
        assertEquals("CODE_INVALID", problem.getString("reason"));
        // too short to be a VNeID code: refused without asking VNeID
        int before = vneid.redemptions();
        assertEquals("CODE_INVALID", Problems.assertProblem(verifyQr("short"), 422, "IDENTITY_PROOF_INVALID")
                .getString("reason"));
        assertEquals(before, vneid.redemptions());
    }

    @Test
    void aLockedAccountIs423() {
        Problems.assertProblem(verifyQr(qr(SandboxPersonas.VNEID_LOCKED)), 423, "IDENTITY_ACCOUNT_LOCKED");
    }

    @Test
    void vneidDownIs503WithRetryAfterAndItsRefusalIsAudited() {
        vneid.maintenance(true);
        Response down = verifyQr(qr(SandboxPersonas.MOTHER));
        Problems.assertProblem(down, 503, "VNEID_UNAVAILABLE");
        assertEquals("20", down.header("Retry-After"));
        String record = awaitRow(down.header("X-Request-Id"));
        assertTrue(record.contains("IDENTITY_VERIFICATION") && record.contains("503"), record);
    }

    @Test
    void aSlowVneidIs503WithinTheDeadlineAndTheCodeIsNotRetried() {
        vneid.latency(Duration.ofSeconds(5));
        long started = System.nanoTime();
        Response slow = verifyQr(qr(SandboxPersonas.MOTHER));
        long millis = (System.nanoTime() - started) / 1_000_000;
        Problems.assertProblem(slow, 503, "VNEID_UNAVAILABLE");
        assertTrue(millis < 3_000, "answered in " + millis + " ms");
        assertTrue(slow.header("Retry-After") != null);
        assertEquals(1, vneid.redemptions(), "a redemption that may have used the code is never retried");
    }

    // --- ID tokens ------------------------------------------------------------------------------

    private Response verifyIdToken(String idToken) {
        return verify(Officers.civilStatus(), Map.of("caseId", CASE, "method", "VNEID_ID_TOKEN", "idToken", idToken));
    }

    private String idToken(String personalId) {
        return vneid.idToken(personalId, VneidSimulator.DEFAULT_ID_TOKEN_AUDIENCE, Duration.ofMinutes(5)).orElseThrow();
    }

    @Test
    void validatesAnIdTokenAndAcceptsOneSignedWithARotatedKey() {
        String token = idToken(SandboxPersonas.FATHER);
        Response ok;
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start(Level.ALL, "vn.gov.dancu", "io.quarkus", "org.jboss")) {
            ok = verifyIdToken(token);
            lines = capture.lines();
        }
        assertEquals(200, ok.statusCode(), ok.asString());
        String signature = token.substring(token.lastIndexOf('.') + 1);
        lines.forEach(l -> assertFalse(l.text().contains(signature), () -> "the ID token reached a log line: " + l));
        String record = auditRow(ok.header("X-Request-Id"));
        assertFalse(record.contains(signature), "the ID token is never recorded");
        assertTrue(record.contains("VNEID_ID_TOKEN"), record);
        assertEquals(SandboxPersonas.FATHER, ok.path("personalId"));
        assertEquals("VNEID_ID_TOKEN", ok.path("method"));
        vneid.rotateKeys();
        Response rotated = verifyIdToken(idToken(SandboxPersonas.FATHER));
        assertEquals(200, rotated.statusCode(), rotated.asString());
    }

    @Test
    void refusesAnIdTokenForAnotherAudienceOrIssuer() {
        String other = vneid.idToken(SandboxPersonas.FATHER, "another-portal", Duration.ofMinutes(5)).orElseThrow();
        assertEquals("AUDIENCE", Problems.assertProblem(verifyIdToken(other), 422, "IDENTITY_PROOF_INVALID")
                .getString("reason"));
        JwtClaims claims = vneid.claims(vneid.account(SandboxPersonas.FATHER).orElseThrow(),
                VneidSimulator.DEFAULT_ID_TOKEN_AUDIENCE, Duration.ofMinutes(5));
        claims.setIssuer("https://evil.example");
        assertEquals("ISSUER", Problems.assertProblem(verifyIdToken(vneid.sign(claims, vneid.currentKey())), 422,
                "IDENTITY_PROOF_INVALID").getString("reason"));
        assertEquals("MALFORMED", Problems.assertProblem(verifyIdToken("not-a-jwt"), 422, "IDENTITY_PROOF_INVALID")
                .getString("reason"));
    }

    // --- bad requests and roles -----------------------------------------------------------------

    @Test
    void malformedRequestsAre400WithViolations() {
        JsonPath noMethod = Problems.assertProblem(verify(Officers.civilStatus(), Map.of("caseId", CASE)), 400,
                "VALIDATION_FAILED");
        assertEquals("method", noMethod.getString("violations[0].field"));
        JsonPath noCode = Problems.assertProblem(verify(Officers.civilStatus(),
                Map.of("caseId", CASE, "method", "VNEID_QR")), 400, "VALIDATION_FAILED");
        assertEquals("code", noCode.getString("violations[0].field"));
        Problems.assertProblem(verify(Officers.civilStatus(), Map.of("caseId", "bad case!", "method", "IN_PERSON")),
                400, "VALIDATION_FAILED");
        Response english = as(Officers.civilStatus()).header("Accept-Language", "en").contentType("application/json")
                .body(Map.of("caseId", CASE)).post(PATH);
        assertTrue(english.jsonPath().getString("violations[0].message").startsWith("The identity method"));
    }

    @Test
    void onlyCounterOfficersMayVerify() {
        Problems.assertProblem(verify(AuditTables.auditor(), Map.of("caseId", CASE, "method", "VNEID_QR", "code",
                qr(SandboxPersonas.MOTHER))), 403, "FORBIDDEN");
        assertEquals(200, verify(Officers.judicialRecord(), Map.of("caseId", CASE, "method", "VNEID_QR", "code",
                qr(SandboxPersonas.MOTHER))).statusCode());
    }

    // --- the prefill's identity block -----------------------------------------------------------

    private Response prefill(String token, String segment, Map<String, String> parties, Map<String, String> identity) {
        return as(token).filter(OpenApiValidation.responseFilter()).contentType("application/json")
                .body(Map.of("caseId", CASE, "parties", parties, "identity", identity))
                .post("/api/v1/prefill/" + segment);
    }

    @Test
    void theDeclarantsProofMatchesTheDeclarant() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(okJson(Citizens.father().toString())));
        Response ok = prefill(Officers.civilStatus(), "birth-registration",
                Map.of("mother", Citizens.MOTHER, "father", Citizens.FATHER, "declarant", Citizens.MOTHER),
                Map.of("method", "VNEID_QR", "code", qr(SandboxPersonas.MOTHER)));
        assertEquals(200, ok.statusCode(), ok.asString());
        assertEquals("declarant", ok.path("identity.matchedRole"));
        assertEquals(2, (int) ok.path("identity.identificationLevel"));
        assertEquals(Citizens.MOTHER, ok.path("identity.personalId"));
        List<String> codes = ok.jsonPath().getList("issues.code");
        assertFalse(codes.contains("IDENTITY_MISMATCH"), codes.toString());
        String record = auditRow(ok.header("X-Request-Id"));
        assertTrue(record.contains("declarant") && record.contains("VNEID_QR"), record);
    }

    @Test
    void aMotherWhoIsNotTheDeclarantIsAnIdentityMismatch() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.GRANDMOTHER).willReturn(okJson(Citizens.grandmother().toString())));
        Response ok = prefill(Officers.civilStatus(), "birth-registration",
                Map.of("mother", Citizens.MOTHER, "declarant", Citizens.GRANDMOTHER),
                Map.of("method", "VNEID_QR", "code", qr(SandboxPersonas.MOTHER)));
        assertEquals(200, ok.statusCode(), ok.asString());
        assertNull(ok.path("identity.matchedRole"));
        assertTrue(ok.jsonPath().getMap("identity").containsKey("matchedRole"), "matchedRole is present, null");
        List<Map<String, Object>> issues = ok.jsonPath().getList("issues");
        assertTrue(issues.stream().anyMatch(i -> "IDENTITY_MISMATCH".equals(i.get("code"))
                && "ERROR".equals(i.get("severity"))), issues.toString());
    }

    @Test
    void aLevelOneProofIsTooLowForTheJudicialRecord() {
        String applicant = SandboxPersonas.VNEID_LEVEL_1;
        npd.stubFor(NpdMock.lookup(applicant).willReturn(okJson(
                Citizens.person(applicant, "Mai Thị Nhung", "1994-09-09", "FEMALE").toString())));
        Response ok = prefill(Officers.judicialRecord(), "judicial-record", Map.of("applicant", applicant),
                Map.of("method", "VNEID_QR", "code", qr(applicant)));
        assertEquals(200, ok.statusCode(), ok.asString());
        assertEquals("applicant", ok.path("identity.matchedRole"));
        assertEquals(1, (int) ok.path("identity.identificationLevel"));
        List<Map<String, Object>> issues = ok.jsonPath().getList("issues");
        assertTrue(issues.stream().anyMatch(i -> "IDENTITY_LEVEL_TOO_LOW".equals(i.get("code"))
                && "ERROR".equals(i.get("severity"))), issues.toString());
    }

    @Test
    void inPersonCountsAsLevelTwo() {
        String applicant = SandboxPersonas.VNEID_LEVEL_1;
        npd.stubFor(NpdMock.lookup(applicant).willReturn(okJson(
                Citizens.person(applicant, "Mai Thị Nhung", "1994-09-09", "FEMALE").toString())));
        Response ok = prefill(Officers.judicialRecord(), "judicial-record", Map.of("applicant", applicant),
                Map.of("method", "IN_PERSON"));
        assertEquals(200, ok.statusCode(), ok.asString());
        assertEquals(2, (int) ok.path("identity.identificationLevel"));
        assertEquals("IN_PERSON", ok.path("identity.method"));
        assertEquals(applicant, ok.path("identity.personalId"));
        List<String> codes = ok.jsonPath().getList("issues.code");
        assertFalse(codes.contains("IDENTITY_LEVEL_TOO_LOW"), codes.toString());
        String record = auditRow(ok.header("X-Request-Id"));
        assertTrue(record.contains("IN_PERSON") && record.contains("\"level\": 2"), record);
    }

    @Test
    void aFailedProofFetchesNothingFromTheNpd() {
        String code = qr(SandboxPersonas.MOTHER);
        vneidClock.advance(Duration.ofSeconds(121));
        Response refused = prefill(Officers.civilStatus(), "birth-registration",
                Map.of("mother", Citizens.MOTHER, "declarant", Citizens.MOTHER), Map.of("method", "VNEID_QR", "code", code));
        assertEquals("CODE_EXPIRED", Problems.assertProblem(refused, 422, "IDENTITY_PROOF_INVALID").getString("reason"));
        Response replay = prefill(Officers.civilStatus(), "birth-registration",
                Map.of("mother", Citizens.MOTHER, "declarant", Citizens.MOTHER),
                Map.of("method", "VNEID_ID_TOKEN", "idToken", "eyJhbGciOiJub25lIn0.e30."));
        Problems.assertProblem(replay, 422, "IDENTITY_PROOF_INVALID");
        npd.verify(0, NpdMock.anyLookupRequest());
        String record = awaitRow(refused.header("X-Request-Id"));
        assertTrue(record.contains("422") && record.contains("VNEID_QR"), record);
        assertFalse(record.contains(code));
    }

    // --- helpers --------------------------------------------------------------------------------

    /** The whole audit row of a request, as text (every column), once written. */
    private String auditRow(String requestId) {
        AuditTables.awaitIdle(auditWriter);
        return rowText(requestId);
    }

    private String awaitRow(String requestId) {
        org.awaitility.Awaitility.await().atMost(AuditTables.LANDING).until(() -> !rowText(requestId).isEmpty());
        return rowText(requestId);
    }

    private String rowText(String requestId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT r::text FROM audit_record r WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " identity=" + identityOf(c, requestId));
                }
                return String.join("\n", rows);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String identityOf(Connection c, String requestId) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT identity::text FROM audit_record WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
