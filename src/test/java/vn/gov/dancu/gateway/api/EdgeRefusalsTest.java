package vn.gov.dancu.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Bad input at the HTTP edge (issue 7 §3): what the contract refuses is refused as a problem, the
 * way the contract says, before the NPD hears of it — media types and encodings, JSON types,
 * oversized bodies however they are sent (and their audit record), the probes' methods, and
 * connections that never finish their headers.
 */
@QuarkusTest
class EdgeRefusalsTest extends GatewayTest {

    private static final String BIRTH = Prefills.path("birth-registration");

    /** A body that would reach the NPD if accepted: any acceptance shows up as a lookup. */
    private static final String VALID = Prefills.body("mother", MOTHER);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @AfterEach
    void neverAsksTheNpd() {
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    // ---------------------------------------------------------------- media type and encoding

    @Test
    void refusesABodyWithoutContentTypeWith415() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(BIRTH))
                .header("Authorization", "Bearer " + Officers.civilStatus())
                .POST(HttpRequest.BodyPublishers.ofString(VALID)));

        assertEquals(415, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
        assertTrue(response.body().contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\""), response::body);
    }

    @ParameterizedTest
    @ValueSource(strings = { "*/*", "application/*", "application/json; charset=utf-16",
            "application/json; charset=ISO-8859-1", "application/jsonx", "application/problem+json" })
    void refusesAnythingButApplicationJsonInUtf8With415(String contentType) {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .contentType(contentType).body(VALID.getBytes(StandardCharsets.UTF_8)).post(BIRTH);

        Problems.assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void acceptsApplicationJsonWithTheUtf8CharsetSpelledAnyWay() {
        // An invalid number, so that acceptance shows as a 400 from validation, not as a lookup.
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .contentType("application/json; charset=UTF-8")
                .body(Prefills.body("mother", "123").getBytes(StandardCharsets.UTF_8)).post(BIRTH);

        Problems.assertProblem(response, 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = { "UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE" })
    void refusesAJsonBodyInAnotherEncodingAsMalformed(String charset) {
        Response response = post(VALID.getBytes(java.nio.charset.Charset.forName(charset)));

        JsonPath body = Problems.assertProblem(response, 400, "MALFORMED_JSON");
        assertEquals("body", body.getString("violations[0].field"));
    }

    @Test
    void refusesAnOverlongUtf8SequenceInsteadOfReadingItAsASlash() throws IOException {
        // "HS-1" C0 AF "2": a lenient decoder reads the valid case id "HS-1/2".
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.write("{\"caseId\":\"HS-1".getBytes(StandardCharsets.US_ASCII));
        json.write(new byte[] {(byte) 0xC0, (byte) 0xAF});
        json.write(("2\",\"parties\":{\"mother\":\"" + MOTHER + "\"}}").getBytes(StandardCharsets.US_ASCII));

        Problems.assertProblem(post(json.toByteArray()), 400, "MALFORMED_JSON");
    }

    @Test
    void refusesAnEncodedSurrogateAsMalformed() {
        // CESU-style ED A0 80: a lone surrogate, not a character.
        byte[] json = ("{\"caseId\":\"HS-1X\",\"parties\":{\"mother\":\"" + MOTHER + "\"}}")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] bad = new byte[json.length + 2];
        int x = new String(json, StandardCharsets.ISO_8859_1).indexOf('X');
        System.arraycopy(json, 0, bad, 0, x);
        bad[x] = (byte) 0xED;
        bad[x + 1] = (byte) 0xA0;
        bad[x + 2] = (byte) 0x80;
        System.arraycopy(json, x + 1, bad, x + 3, json.length - x - 1);

        Problems.assertProblem(post(bad), 400, "MALFORMED_JSON");
    }

    // ---------------------------------------------------------------- JSON types

    @ParameterizedTest
    @ValueSource(strings = { "5", "true", "1.5", "-0", "1e3" })
    void refusesACaseIdThatIsNotAStringNamingIt(String caseId) {
        String json = "{\"caseId\":" + caseId + ",\"parties\":{\"mother\":\"" + MOTHER + "\"}}";

        JsonPath body = Problems.assertProblem(post(json.getBytes(StandardCharsets.UTF_8)), 400, "VALIDATION_FAILED");
        assertEquals(List.of("caseId"), body.getList("violations.field"));
    }

    @Test
    void refusesAPersonalIdGivenAsANumberNamingTheParty() {
        // As a number, 070190004521 would even lose its leading zero.
        String json = "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":70190004521}}";

        JsonPath body = Problems.assertProblem(post(json.getBytes(StandardCharsets.UTF_8)), 400, "VALIDATION_FAILED");
        assertEquals(List.of("parties.mother"), body.getList("violations.field"));
    }

    // ---------------------------------------------------------------- 413, however the body comes

    @Test
    void refusesAChunkedBodyOver64KiBWithAProblemAndRecordsIt() throws Exception {
        String requestId = "edge-413-chunked-" + UUID.randomUUID();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(BIRTH))
                .header("Authorization", "Bearer " + Officers.civilStatus())
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(oversizedBody().getBytes(StandardCharsets.UTF_8)))));

        assertEquals(413, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
        JsonPath problem = JsonPath.from(response.body());
        assertEquals("PAYLOAD_TOO_LARGE", problem.getString("code"));
        assertEquals(requestId, problem.getString("requestId"));
        assertRecordedAs413(requestId);
    }

    @Test
    void recordsABodyOver64KiBWithAContentLength() {
        String requestId = "edge-413-declared-" + UUID.randomUUID();

        Response response = asCivilStatusOfficer().filter(OpenApiValidation.filter()).header("X-Request-Id", requestId)
                .contentType("application/json").body(oversizedBody()).post(BIRTH);

        Problems.assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertRecordedAs413(requestId);
    }

    @Test
    void recordsNoOversizedBodyWithoutAValidToken() {
        String requestId = "edge-413-anonymous-" + UUID.randomUUID();

        Response response = RestAssured.given().header("X-Request-Id", requestId).contentType("application/json")
                .body(oversizedBody()).post(BIRTH);

        Problems.assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        AuditTables.awaitIdle(writer);
        assertEquals(List.of(), AuditTables.byRequestId(dataSource, requestId), "nobody known, as for a 401");
    }

    private void assertRecordedAs413(String requestId) {
        AuditTables.Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertEquals(413, row.outcome());
        assertEquals(List.of("PAYLOAD_TOO_LARGE"), row.issueCodeList());
        assertEquals(Officers.CIVIL_STATUS_OFFICER, row.officer());
        assertEquals(Officers.AGENCY, row.agency());
        assertEquals("BIRTH_REGISTRATION", row.procedure());
    }

    // ---------------------------------------------------------------- probes and connections

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH", "OPTIONS" })
    void answersOnlyGetAndHeadOnTheHealthEndpoints(String method) {
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready")) {
            Response response = RestAssured.given().request(method, path);

            assertEquals(405, response.statusCode(), () -> method + " " + path + ": " + response.asString());
            assertTrue(response.contentType().startsWith(Problem.MEDIA_TYPE), response::contentType);
            assertEquals("METHOD_NOT_ALLOWED", response.jsonPath().getString("code"));
            assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("requestId"));
            assertEquals("GET, HEAD", response.header("Allow"));
        }
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        RestAssured.given().head("/q/health/ready").then().statusCode(200);
    }

    @Test
    void closesAConnectionWhoseHeadersNeverEnd() throws IOException {
        // The idle timeout is the bound (10 s); the socket waits longer, so a connection kept open
        // fails the test instead of hanging it.
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /api/v1/procedures HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                while (in.read() != -1) {
                    // whatever the server says before it closes
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the connection was still open after 30 s");
            } catch (IOException reset) {
                // closed with a reset: closed all the same
            }
        }
        Duration open = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(open.compareTo(Duration.ofSeconds(20)) < 0, () -> "closed after " + open);
    }

    // ---------------------------------------------------------------- helpers

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Response post(byte[] json) {
        return asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).contentType("application/json")
                .body(json).post(BIRTH);
    }

    /** Valid JSON just over the 64 KiB limit, so only its size is wrong. */
    private static String oversizedBody() {
        return "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"" + MOTHER + "\"},\"padding\":\""
                + "x".repeat(64 * 1024) + "\"}";
    }

}
