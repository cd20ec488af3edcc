package vn.gov.dancu.gateway.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.jwt.build.Jwt;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.api.PrefillResource;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.procedure.PrefillService;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.LogCapture;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.PersonalDataScanner;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * The project standard "no personal identification number, name, address or token in application
 * logs, metrics labels or URLs; the audit trail is the one place who-looked-at-whom is recorded"
 * (issue 3, item 6), proven on the running gateway.
 *
 * <p>One representative session — successful prefills of every kind of party, NFD names and
 * addresses, every NPD failure, validation errors with bad and old numbers, every kind of refused
 * token, identity proofs carrying a QR code and an ID token, an oversized body — runs once with
 * every log record of the JVM captured, the gateway's and its libraries' categories lowered to
 * DEBUG so that a leaking debug statement counts too. The tests then scan what was logged, what
 * {@code /q/metrics} exposes, what went out over the wire and what came back in headers.
 */
@QuarkusTest
class NoPersonalDataInLogsTest extends GatewayTest {

    /**
     * Lowered to DEBUG for the session: the gateway and every library on a request's path (HTTP
     * server, REST, REST client, Vert.x and Netty, OIDC and JWT, security, fault tolerance,
     * micrometer, the JDBC pool and driver). A category configured higher (io.quarkus.oidc is WARN
     * in application.properties) is named explicitly, since lowering a parent does not reach it.
     * Library classes that application.properties pins on their own, because their debug lines
     * quote what a caller sent, keep their level: as they do when an operator turns DEBUG on.
     */
    private static final String[] DEBUG_CATEGORIES = { "vn.gov.dancu", "io.quarkus", "io.quarkus.oidc",
            "io.quarkus.rest.client", "io.quarkus.resteasy.reactive", "io.quarkus.vertx.http", "io.quarkus.security",
            "org.jboss.resteasy.reactive", "org.jboss.resteasy.reactive.client", "io.vertx", "io.netty",
            "io.smallrye", "io.smallrye.faulttolerance", "io.smallrye.jwt", "org.jose4j", "io.micrometer",
            "io.agroal", "org.postgresql", "org.hibernate.validator" };

    // ---------------------------------------------------------------- the test data that must never leak

    private static final String NFD_FATHER_NAME = Normalizer.normalize("  Trần   Văn Minh ", Normalizer.Form.NFD);
    private static final String NFD_ADDRESS_LINE = Normalizer.normalize("Số 12,  đường Phú Riềng Đỏ",
            Normalizer.Form.NFD);

    // One person per NPD behaviour, so no answer can come from another case's cache.
    private static final String TOKEN_EXPIRY = Citizens.personalId("FEMALE", 1985, "300001");
    private static final String RATE_LIMITED = Citizens.personalId("MALE", 1980, "300002");
    private static final String DOWN = Citizens.personalId("FEMALE", 1975, "300003");
    private static final String SLOW = Citizens.personalId("MALE", 1970, "300004");
    private static final String RESET = Citizens.personalId("FEMALE", 1991, "300005");
    private static final String GARBLED = Citizens.personalId("MALE", 1992, "300006");
    private static final String BROKEN_CHUNK = Citizens.personalId("FEMALE", 1993, "300007");
    private static final String REFUSED = Citizens.personalId("MALE", 1994, "300008");

    private static final String OLD_ID_CARD = "031234567";
    private static final String ELEVEN_DIGITS = "07019000452";
    private static final String UNKNOWN_PROVINCE = "999190004521";
    private static final String WITH_LETTERS = "0700890012ab";

    private static final String QR_CODE = "VNEIDQR-7c1e4a9b2f6d4e0a8b3c5d7e9f1a2b4c";
    private static final String ID_TOKEN = Jwt.issuer("https://vneid.example.vn").subject(Citizens.FATHER)
            .audience("dancu-gateway").claim("name", "Trần Văn Minh").jws().keyId("1").sign("privateKey.jwk");
    private static final String MALFORMED_TOKEN = "not-a-jwt.ZGFuY3UtZ2F0ZXdheQ.c2lnbmF0dXJlLWZha2UtOTkxMg";

    /** The tokens of the session, minted once so the scanner knows every one that was sent. */
    private static final String CIVIL_STATUS = Officers.civilStatus();
    private static final String JUDICIAL = Officers.judicialRecord();
    private static final String AUDITOR = Officers.token("audit.officer", Officers.AGENCY, Roles.AUDITOR);
    private static final String NO_AGENCY = Officers.withoutAgency();
    private static final String EXPIRED = Officers.expired();
    private static final String FORGED = Officers.forged();
    private static final String WRONG_ISSUER = Officers.wrongIssuer();
    private static final String WRONG_AUDIENCE = Officers.wrongAudience();

    /** The session, run once for all the tests of the class (each test starts with a reset NPD). */
    private static Session session;

    /** What the session left behind: every log line, every request the NPD saw, every answer. */
    private record Session(List<LogCapture.Line> lines, List<ServeEvent> npdRequests, List<ServeEvent> oidcRequests,
            List<Exchange> exchanges) {
    }

    /** One call of the session and the gateway's answer. */
    private record Exchange(String what, Response response) {
    }

    @Inject
    CircuitBreakerMaintenance breakers;

    @OidcWireMock
    WireMockServer oidc;

    // ---------------------------------------------------------------- logs

    @Test
    void keepsPersonalDataTokensAndSecretsOutOfEveryLogLine() {
        List<LogCapture.Line> lines = session().lines();
        // Without debug lines of the gateway and of token validation, the scan would prove little.
        assertTrue(lines.stream().anyMatch(l -> l.logger().startsWith("vn.gov.dancu") && l.level().equals("DEBUG")),
                "the session logged the gateway's own DEBUG lines");
        assertTrue(lines.stream().anyMatch(l -> l.logger().startsWith("io.quarkus.oidc") && l.level().equals("DEBUG")),
                "the session logged OIDC's DEBUG lines");

        List<String> leaks = leaks(scanner(), lines);

        assertTrue(leaks.isEmpty(), () -> leaks.size() + " of " + lines.size()
                + " captured log lines hold personal data or a secret:\n" + String.join("\n", leaks));
    }

    /**
     * The scanner is not vacuous: a personal number passed as a parameter at DEBUG, a name (NFD,
     * as an old NPD record holds it) in the message of an exception's cause, a token in the MDC,
     * and an address without its diacritics are each flagged; the masked number is not.
     */
    @Test
    void flagsPersonalDataLoggedThroughJBossLogging() {
        Logger log = Logger.getLogger(PrefillService.class);
        List<LogCapture.Line> planted;
        try (LogCapture capture = LogCapture.start(Level.DEBUG, DEBUG_CATEGORIES)) {
            log.debugf("NPD lookup of %s", Citizens.MOTHER);
            log.error("NPD answer unreadable", new IllegalStateException("wrapper",
                    new IllegalArgumentException("bad record of " + NFD_FATHER_NAME)));
            MDC.put("npdToken", NpdMock.TOKEN);
            try {
                log.info("token attached");
            } finally {
                MDC.remove("npdToken");
            }
            log.warnf("Household at %s", PersonalDataScanner.fold("Số 12, đường Phú Riềng Đỏ").toUpperCase());
            log.infof("NPD lookup of %s", PersonalId.mask(Citizens.MOTHER));
            // only the planted lines: a background thread of the gateway may log meanwhile
            planted = capture.lines().stream().filter(l -> l.logger().equals(PrefillService.class.getName())).toList();
        }

        // The console's redaction filter (PersonalDataRedaction) masks a twelve-digit number before
        // any handler sees it: the planted number arrives masked. The scanner's own eye for numbers
        // is then shown on the raw text such a line would have had.
        assertTrue(planted.get(0).text().contains(PersonalId.mask(Citizens.MOTHER))
                && !planted.get(0).text().contains(Citizens.MOTHER), planted.get(0).text());
        List<LogCapture.Line> withRawNumber = new ArrayList<>(planted);
        withRawNumber.set(0, new LogCapture.Line(planted.get(0).logger(), "DEBUG", "NPD lookup of " + Citizens.MOTHER));
        List<String> leaks = leaks(scanner(), withRawNumber);

        assertEquals(5, planted.size(), "every planted line was captured, DEBUG included");
        assertEquals(4, leaks.size(), () -> "the four leaking lines are flagged, the masked one is not:\n"
                + String.join("\n", leaks));
        assertTrue(leaks.get(0).contains("personal number 070******521"), leaks.get(0));
        assertTrue(leaks.get(1).contains("name"), leaks.get(1));
        assertTrue(leaks.get(2).contains("NPD access token"), leaks.get(2));
        assertTrue(leaks.get(3).contains("address"), leaks.get(3));
        assertFalse(String.join("\n", leaks).contains(Citizens.MOTHER), "the report masks what it found");
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void keepsPersonalDataOutOfMetricNamesAndLabels() {
        session();
        String metrics = RestAssured.given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        PersonalDataScanner scanner = scanner();

        List<String> leaks = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            scanner.find(line).ifPresent(f -> leaks.add(f.what() + ": " + f.excerpt()));
            Matcher uri = Pattern.compile("uri=\"([^\"]*)\"").matcher(line);
            while (uri.find()) {
                uris.add(uri.group(1));
            }
        }

        assertTrue(leaks.isEmpty(), () -> "metrics expose personal data:\n" + String.join("\n", leaks));
        assertTrue(uris.contains("/api/v1/prefill/{procedure}"),
                () -> "server requests are labelled by route template; uri labels: " + new TreeSet<>(uris));
        assertTrue(uris.contains("/api/v1/citizens/{personalId}"),
                () -> "NPD calls are labelled by the REST client's path template; uri labels: " + new TreeSet<>(uris));
        // Whatever test put it there: no uri label carries a run of nine digits or more (a number a
        // citizen could be found by), so a raw client or server URI can never grow a series per person.
        List<String> numbered = uris.stream().filter(u -> u.matches(".*\\d{9,}.*")).distinct().toList();
        assertTrue(numbered.isEmpty(), () -> "uri labels carry personal numbers: "
                + numbered.stream().map(scanner::masked).map(PersonalDataScanner::maskDigitRuns).toList());
    }

    // ---------------------------------------------------------------- URLs

    /**
     * Of everything the gateway sent the NPD, only the lookup path defined by the NPD contract
     * ({@code GET /api/v1/citizens/{personalId}}, unavoidable) carries a personal number, and
     * nothing carries a name or address: never a query string, a header or the token request.
     * Nothing the gateway sent the identity provider carries any of them.
     */
    @Test
    void sendsPersonalDataUpstreamOnlyInTheNpdLookupPath() {
        Session s = session();
        PersonalDataScanner scanner = personalData();
        Pattern lookupPath = Pattern.compile("/api/v1/citizens/(\\d{12})");
        List<String> leaks = new ArrayList<>();
        int lookups = 0;
        for (ServeEvent event : s.npdRequests()) {
            var request = event.getRequest();
            String path = request.getUrl().split("\\?", 2)[0];
            String query = request.getUrl().contains("?") ? request.getUrl().split("\\?", 2)[1] : "";
            if (lookupPath.matcher(path).matches()) {
                lookups++;
            } else {
                scanner.find(path).ifPresent(f -> leaks.add("NPD path " + f.excerpt()));
            }
            scanner.find(query).ifPresent(f -> leaks.add("NPD query of " + request.getMethod() + ": " + f.what()));
            request.getHeaders().all().forEach(h -> h.values().forEach(v -> scanner.find(v)
                    .ifPresent(f -> leaks.add("NPD header " + h.key() + ": " + f.what()))));
            scanner.find(request.getBodyAsString()).ifPresent(f -> leaks.add("NPD body of " + path + ": " + f.what()));
        }
        for (ServeEvent event : s.oidcRequests()) {
            scanner.find(event.getRequest().getUrl() + " " + event.getRequest().getHeaders() + " "
                    + event.getRequest().getBodyAsString())
                    .ifPresent(f -> leaks.add("identity provider request: " + f.what()));
        }

        // At least one lookup per party of the session (about 20, failures retried): 10 is a floor
        // that survives changes to the retry policy while still proving the journal was read.
        assertTrue(lookups >= 10, "the session looked citizens up at the NPD (" + lookups + ")");
        assertTrue(leaks.isEmpty(), () -> "personal numbers left the gateway outside the NPD lookup path:\n"
                + String.join("\n", leaks));
    }

    /** No answer of the gateway redirects or points anywhere (Location, Link, ...) with personal data in it. */
    @Test
    void neverPutsPersonalDataInResponseHeadersOrRedirects() {
        Session s = session();
        PersonalDataScanner scanner = personalData();
        List<String> leaks = new ArrayList<>();
        for (Exchange exchange : s.exchanges()) {
            int status = exchange.response().statusCode();
            if (status >= 300 && status < 400) {
                leaks.add(exchange.what() + ": redirect " + status);
            }
            exchange.response().headers().forEach(h -> {
                if (Stream.of("Location", "Content-Location", "Link", "Refresh")
                        .anyMatch(h.getName()::equalsIgnoreCase)) {
                    leaks.add(exchange.what() + ": " + h.getName() + " header");
                }
                scanner.find(h.getValue()).ifPresent(f -> leaks.add(exchange.what() + ": header " + h.getName()
                        + " holds " + f.what()));
            });
        }

        assertTrue(leaks.isEmpty(), () -> String.join("\n", leaks));
    }

    /**
     * The gateway's own API takes personal numbers only in request bodies, where no access log,
     * proxy or browser history keeps them: no path, query, header or cookie parameter names one,
     * in the contract or in the code. The one exception is the spec's auditor query
     * {@code GET /api/v1/audit/access-log?personalId=} (spec §5), which the spec itself mandates.
     */
    @Test
    void takesPersonalNumbersOnlyInRequestBodiesExceptTheAuditorQuery() throws Exception {
        Pattern personal = Pattern.compile("(?i).*(personal|citizen|cccd|cmnd|nationalid|idnumber|idcard).*");
        String allowed = "GET /api/v1/audit/access-log personalId";

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI contract = new OpenAPIV3Parser().readContents(Files.readString(OpenApiValidation.CONTRACT), null,
                options).getOpenAPI();
        assertTrue(contract.getPaths().containsKey("/api/v1/prefill/{procedure}"), "the contract was read");
        List<String> inContract = new ArrayList<>();
        contract.getPaths().forEach((path, item) -> {
            templateVariables(path).stream().filter(v -> personal.matcher(v).matches())
                    .forEach(v -> inContract.add("path " + path));
            item.readOperationsMap().forEach((method, operation) -> parameters(contract, item, operation).stream()
                    .filter(p -> personal.matcher(p.getName()).matches())
                    .map(p -> method + " " + path + " " + p.getName())
                    .filter(p -> !p.equals(allowed))
                    .forEach(p -> inContract.add(p + " (in " + "a parameter)")));
        });

        List<String> inCode = new ArrayList<>();
        List<String> allowedSeen = new ArrayList<>();
        List<Class<?>> resources = resourceClasses();
        assertTrue(resources.contains(PrefillResource.class), () -> "the resources were found: " + resources);
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                Path sub = method.getAnnotation(Path.class);
                String where = (base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/")
                        .replaceAll("/$", "");
                String http = Stream.of(method.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                        .filter(Objects::nonNull).map(HttpMethod::value).findFirst().orElse("");
                templateVariables(where).stream().filter(v -> personal.matcher(v).matches())
                        .forEach(v -> inCode.add("path " + where));
                for (Annotation[] annotations : method.getParameterAnnotations()) {
                    for (Annotation a : annotations) {
                        parameterName(a).filter(n -> personal.matcher(n).matches()).ifPresent(n -> {
                            if (a instanceof QueryParam && (http + " " + where + " " + n).equals(allowed)) {
                                allowedSeen.add(n);
                            } else {
                                inCode.add(http + " " + where + " " + a.annotationType().getSimpleName() + " " + n);
                            }
                        });
                    }
                }
            }
        }

        assertTrue(inContract.isEmpty(), () -> "openapi.yaml takes personal numbers outside bodies: " + inContract);
        assertTrue(inCode.isEmpty(), () -> "resources take personal numbers outside bodies: " + inCode);
        assertEquals(List.of("personalId"), allowedSeen, "the scan sees the one query parameter the spec mandates");
    }

    /** The JAX-RS resources of the api package, found in the compiled classes (Maven runs tests from the root). */
    private static List<Class<?>> resourceClasses() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
        String pkg = PrefillResource.class.getPackageName();
        try (Stream<java.nio.file.Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
            List<Class<?>> resources = new ArrayList<>();
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString();
                Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()), false,
                        Thread.currentThread().getContextClassLoader());
                if (c.isAnnotationPresent(Path.class)) {
                    resources.add(c);
                }
            }
            return resources;
        }
    }

    /** The names of a path template's variables: {@code /a/{procedure}} → {@code procedure}. */
    private static List<String> templateVariables(String path) {
        return Pattern.compile("\\{\\s*([^}:\\s]+)").matcher(path).results().map(m -> m.group(1)).toList();
    }

    private static List<Parameter> parameters(OpenAPI contract, PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        Stream.of(item.getParameters(), operation.getParameters()).filter(Objects::nonNull)
                .forEach(all::addAll);
        return all.stream().map(p -> p.get$ref() == null ? p
                : contract.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1)))
                .toList();
    }

    private static Optional<String> parameterName(Annotation a) {
        if (a instanceof PathParam p) {
            return Optional.of(p.value());
        }
        if (a instanceof QueryParam q) {
            return Optional.of(q.value());
        }
        if (a instanceof HeaderParam h) {
            return Optional.of(h.value());
        }
        if (a instanceof CookieParam c) {
            return Optional.of(c.value());
        }
        if (a instanceof MatrixParam m) {
            return Optional.of(m.value());
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- the scan

    /**
     * Every log line holding guarded data, as a printable, masked report. Nothing is excused, not
     * even the test's own machinery (the WireMock servers, the embedded PostgreSQL's server log):
     * they log nothing of the session's data today, and a database that logged a failing row
     * would be a leak worth seeing.
     */
    private static List<String> leaks(PersonalDataScanner scanner, List<LogCapture.Line> lines) {
        List<String> leaks = new ArrayList<>();
        for (LogCapture.Line line : lines) {
            scanner.find(line.text()).ifPresent(f -> leaks.add(
                    "[" + line.logger() + "] " + line.level() + " holds " + f.what() + ": " + f.excerpt()));
        }
        return leaks;
    }

    /** Everything of the session's data that must stay out of logs and metrics: personal data and credentials. */
    private static PersonalDataScanner scanner() {
        PersonalDataScanner scanner = personalData()
                .secret("NPD access token", NpdMock.TOKEN)
                .secret("NPD client secret",
                        ConfigProvider.getConfig().getValue("gateway.npd.client-secret", String.class))
                .secret("VNeID QR code", QR_CODE)
                .secret("VNeID ID token", ID_TOKEN)
                .secret("malformed bearer token", MALFORMED_TOKEN);
        Map.of("civil-status officer token", CIVIL_STATUS, "judicial officer token", JUDICIAL,
                "auditor token", AUDITOR, "token without agency", NO_AGENCY, "expired token", EXPIRED,
                "forged token", FORGED, "wrong-issuer token", WRONG_ISSUER, "wrong-audience token", WRONG_AUDIENCE)
                .forEach(scanner::secret);
        return scanner;
    }

    /**
     * The session's personal data only, for what travels over the wire: credentials do travel, to
     * where they belong (the NPD token to the NPD, the client secret to the NPD's token endpoint).
     */
    private static PersonalDataScanner personalData() {
        PersonalDataScanner scanner = new PersonalDataScanner();
        Stream.of(Citizens.MOTHER, Citizens.FATHER, Citizens.GRANDMOTHER, Citizens.BRIDE, Citizens.GROOM,
                Citizens.UNKNOWN, Citizens.CANCELLED, Citizens.REPLACEMENT, TOKEN_EXPIRY, RATE_LIMITED, DOWN, SLOW,
                RESET, GARBLED, BROKEN_CHUNK, REFUSED, OLD_ID_CARD, ELEVEN_DIGITS, UNKNOWN_PROVINCE, WITH_LETTERS)
                .forEach(scanner::personalId);
        // "Thị" and "Văn" are the commonest middle names (and words); "Thu" is also Thursday in every HTTP date.
        Stream.of(Citizens.mother(), Citizens.father(), Citizens.grandmother(), Citizens.bride(), Citizens.groom())
                .forEach(c -> scanner.name(c.get("fullName").asText(), "Thị", "Văn", "Thu"));
        ObjectNode address = Citizens.address("Phường Tân Phú");
        return scanner.text("address", address.get("addressLine").asText())
                .text("address", "Phú Riềng Đỏ")
                .text("address", "Phường Tân Phú")
                .text("address", "Xã Tiến Hưng")
                .text("phone number", Citizens.mother().get("phoneNumber").asText())
                .text("e-mail address", Citizens.mother().get("email").asText());
    }

    // ---------------------------------------------------------------- the session

    private Session session() {
        if (session == null) {
            List<Exchange> exchanges = new ArrayList<>();
            List<LogCapture.Line> lines;
            try (LogCapture capture = LogCapture.start(Level.DEBUG, DEBUG_CATEGORIES)) {
                runSession(exchanges);
                lines = capture.lines();
            }
            session = new Session(lines, List.copyOf(npd.getAllServeEvents()), List.copyOf(oidc.getAllServeEvents()),
                    exchanges);
        }
        return session;
    }

    private void runSession(List<Exchange> exchanges) {
        // -- successful prefills, names with diacritics, one record in NFD with surplus spaces
        stubFound(Citizens.mother());
        ObjectNode nfdFather = Citizens.father();
        nfdFather.put("fullName", NFD_FATHER_NAME);
        ((ObjectNode) nfdFather.get("permanentResidence")).put("addressLine", NFD_ADDRESS_LINE);
        stubFound(nfdFather);
        stubFound(Citizens.grandmother());
        stubFound(Citizens.bride());
        stubFound(Citizens.groom());
        call(exchanges, "birth", 200, CIVIL_STATUS, "birth-registration",
                Prefills.body("mother", Citizens.MOTHER, "father", Citizens.FATHER, "declarant", Citizens.GRANDMOTHER));
        call(exchanges, "death", 200, CIVIL_STATUS, "death-residence-funeral",
                Prefills.body("deceased", Citizens.GRANDMOTHER, "declarant", Citizens.MOTHER));
        call(exchanges, "marriage", 200, CIVIL_STATUS, "marriage-registration",
                Prefills.body("bride", Citizens.BRIDE, "groom", Citizens.GROOM));
        // Identity (issue 8): these proofs are not VNeID's (an invented code, a token signed with the
        // test key), so they are refused with 422 after the gateway handled them end to end (the
        // code is sent to VNeID, the token's keys looked up): what is scanned is that handling.
        call(exchanges, "judicial record with a QR code", 422, JUDICIAL, "judicial-record",
                "{\"caseId\":\"HS-2026-000124\",\"parties\":{\"applicant\":\"" + Citizens.FATHER + "\"},"
                        + "\"identity\":{\"method\":\"VNEID_QR\",\"code\":\"" + QR_CODE + "\"}}");
        call(exchanges, "judicial record with an ID token", 422, JUDICIAL, "judicial-record",
                "{\"caseId\":\"HS-2026-000125\",\"parties\":{\"applicant\":\"" + Citizens.FATHER + "\"},"
                        + "\"identity\":{\"method\":\"VNEID_ID_TOKEN\",\"idToken\":\"" + ID_TOKEN + "\"}}");

        // -- the NPD's own token expires: the gateway fetches another with its client secret
        ObjectNode renewed = Citizens.person(TOKEN_EXPIRY, "Nguyễn Thị Lan", "1985-03-03", "FEMALE");
        npd.stubFor(NpdMock.lookup(TOKEN_EXPIRY).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NpdMock.errorResponse(401, "TOKEN_EXPIRED")).willSetStateTo("renewed"));
        npd.stubFor(NpdMock.lookup(TOKEN_EXPIRY).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson(renewed.toString())));
        call(exchanges, "token renewal", 200, JUDICIAL, "judicial-record", Prefills.body("applicant", TOKEN_EXPIRY));

        // -- answers that are not data, and every way the NPD can fail
        npd.stubFor(NpdMock.lookup(Citizens.UNKNOWN).willReturn(NpdMock.errorResponse(404, "CITIZEN_NOT_FOUND")));
        npd.stubFor(NpdMock.lookup(Citizens.CANCELLED).willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json").withBody("{\"errorCode\":\"ID_CANCELLED\","
                        + "\"message\":\"Số " + Citizens.CANCELLED + " đã hủy\","
                        + "\"replacedBy\":\"" + Citizens.REPLACEMENT + "\"}")));
        call(exchanges, "not found and cancelled", 200, CIVIL_STATUS, "birth-registration",
                Prefills.body("mother", Citizens.CANCELLED, "father", Citizens.UNKNOWN));

        // First of the failures: each attempt is cut at 1.2 s, the answers arrive at 1.5 s, while the
        // session goes on for seconds, so whatever the late answers make the client log is captured.
        npd.stubFor(NpdMock.lookup(SLOW).willReturn(okJson(Citizens.person(SLOW, "Lê Thị Hoa", "1970-01-01", "MALE")
                .toString()).withFixedDelay(1500)));
        failingCall(exchanges, "NPD timeout", SLOW);

        npd.stubFor(NpdMock.lookup(DOWN).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":\"UNAVAILABLE\",\"message\":\"Không tra cứu được " + DOWN + "\"}")));
        failingCall(exchanges, "NPD 503", DOWN);

        npd.stubFor(NpdMock.lookup(RESET).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        failingCall(exchanges, "NPD connection reset", RESET);

        // a record cut off mid-way: the personal number and a name are in the unreadable text
        npd.stubFor(NpdMock.lookup(GARBLED).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"personalId\":\"" + GARBLED + "\",\"fullName\":\"Trần Văn Minh\",\"dateOfBirth\":")));
        failingCall(exchanges, "NPD malformed JSON", GARBLED);

        npd.stubFor(NpdMock.lookup(BROKEN_CHUNK).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        failingCall(exchanges, "NPD malformed chunk", BROKEN_CHUNK);

        // the NPD refuses our request and, against its contract, echoes the number in its error code
        npd.stubFor(NpdMock.offContract(NpdMock.lookup(REFUSED)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":\"INVALID_ID " + REFUSED + "\",\"message\":\"Số " + REFUSED
                        + " không hợp lệ\"}")));
        call(exchanges, "NPD 400", 200, CIVIL_STATUS, "birth-registration",
                Prefills.body("mother", Citizens.MOTHER, "father", REFUSED));

        // last of the NPD cases: a 429 makes the gateway hold back until its Retry-After
        npd.stubFor(NpdMock.lookup(RATE_LIMITED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json").withBody(NpdMock.error("RATE_LIMITED"))));
        Response limited = as(JUDICIAL).contentType("application/json")
                .body(Prefills.body("applicant", RATE_LIMITED)).post(Prefills.path("judicial-record"));
        assertTrue(limited.statusCode() == 429 || limited.statusCode() == 503,
                () -> "NPD 429: " + limited.statusCode());
        exchanges.add(new Exchange("NPD 429", limited));

        // -- validation: bad numbers, an old card number, unknown roles, a missing case id, a bad identity method
        call(exchanges, "bad numbers", 400, CIVIL_STATUS, "birth-registration",
                Prefills.body("mother", ELEVEN_DIGITS, "father", WITH_LETTERS, "declarant", UNKNOWN_PROVINCE));
        call(exchanges, "old card number", 400, JUDICIAL, "judicial-record", Prefills.body("applicant", OLD_ID_CARD));
        call(exchanges, "same person twice", 400, CIVIL_STATUS, "marriage-registration",
                Prefills.body("bride", Citizens.BRIDE, "groom", Citizens.BRIDE));
        call(exchanges, "unknown role", 400, CIVIL_STATUS, "birth-registration",
                Prefills.body("aunt", Citizens.MOTHER, "mother", Citizens.MOTHER));
        call(exchanges, "no case id", 400, CIVIL_STATUS, "birth-registration",
                Prefills.bodyWithCaseId(null, "mother", Citizens.MOTHER));
        call(exchanges, "unknown identity method", 400, JUDICIAL, "judicial-record",
                "{\"caseId\":\"HS-1\",\"parties\":{\"applicant\":\"" + Citizens.FATHER + "\"},"
                        + "\"identity\":{\"method\":\"SMS\",\"code\":\"" + QR_CODE + "\",\"idToken\":\"" + ID_TOKEN
                        + "\"}}");
        // a NUL character, which PostgreSQL refuses in text and JSONB, in what the audit trail records of a refusal
        call(exchanges, "NUL in a number", 400, CIVIL_STATUS, "birth-registration",
                "{\"caseId\":\"HS-1\\u0000\",\"parties\":{\"mother\":\"" + Citizens.MOTHER + "\\u0000\"}}");
        // -- unreadable bodies: Jackson's messages quote what they could not read
        call(exchanges, "number with a leading zero", 400, CIVIL_STATUS, "birth-registration",
                "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":" + Citizens.MOTHER + "}}");
        call(exchanges, "trailing text", 400, CIVIL_STATUS, "birth-registration",
                Prefills.body("mother", Citizens.MOTHER) + " \"" + Citizens.FATHER + "\"");
        call(exchanges, "key twice", 400, CIVIL_STATUS, "birth-registration",
                "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"" + Citizens.MOTHER + "\",\"mother\":\""
                        + Citizens.GRANDMOTHER + "\"}}");
        call(exchanges, "parties as a list", 400, CIVIL_STATUS, "birth-registration",
                "{\"caseId\":\"HS-1\",\"parties\":[\"" + Citizens.MOTHER + "\",\"Nguyễn Thị Lan\"]}");
        call(exchanges, "unquoted name", 400, CIVIL_STATUS, "birth-registration",
                "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":Nguyễn Thị Lan}}");
        exchanges.add(expect("plain text", 415, as(CIVIL_STATUS).contentType("text/plain; charset=UTF-8")
                .body(Citizens.MOTHER + " Nguyễn Thị Lan").post(Prefills.path("birth-registration"))));
        StringBuilder huge = new StringBuilder("{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"" + Citizens.MOTHER
                + "\"},\"note\":\"");
        while (huge.length() < 70 * 1024) {
            huge.append(Citizens.FATHER).append(" Trần Văn Minh, Số 12, đường Phú Riềng Đỏ; ");
        }
        call(exchanges, "huge body", 413, CIVIL_STATUS, "birth-registration", huge.append("\"}").toString());

        // -- unknown procedure (once with a personal number where the procedure belongs)
        call(exchanges, "unknown procedure", 404, CIVIL_STATUS, "adoption", Prefills.body("mother", Citizens.MOTHER));
        call(exchanges, "number as procedure", 404, CIVIL_STATUS, Citizens.MOTHER,
                Prefills.body("mother", Citizens.MOTHER));

        // -- a counter that mistakes the gateway for the NPD and puts the number in the URL
        exchanges.add(expect("number in an unknown URL", 404,
                as(CIVIL_STATUS).get("/api/v1/citizens/" + Citizens.MOTHER)));

        // -- refused callers
        call(exchanges, "wrong role", 403, JUDICIAL, "birth-registration", Prefills.body("mother", Citizens.MOTHER));
        call(exchanges, "no agency", 403, NO_AGENCY, "birth-registration", Prefills.body("mother", Citizens.MOTHER));
        for (Map.Entry<String, String> token : Map.of("expired token", EXPIRED, "forged token", FORGED,
                "wrong issuer", WRONG_ISSUER, "wrong audience", WRONG_AUDIENCE, "malformed token", MALFORMED_TOKEN)
                .entrySet()) {
            call(exchanges, token.getKey(), 401, token.getValue(), "birth-registration",
                    Prefills.body("mother", Citizens.MOTHER));
        }
        exchanges.add(expect("no token", 401, RestAssured.given().contentType("application/json")
                .body(Prefills.body("mother", Citizens.MOTHER)).post(Prefills.path("birth-registration"))));

        // -- the auditor's questions: the one query the spec puts a personal number in
        exchanges.add(expect("audit query", 200, as(AUDITOR).queryParam("personalId", Citizens.MOTHER)
                .get("/api/v1/audit/access-log")));
        exchanges.add(expect("citizen export", 200, as(AUDITOR).contentType("application/json")
                .body("{\"personalId\":\"" + Citizens.FATHER + "\"}").post("/api/v1/audit/citizen-export")));
        exchanges.add(expect("catalogue", 200, as(CIVIL_STATUS).get("/api/v1/procedures")));
    }

    /** A prefill with {@code token} that must answer {@code status}. */
    private static void call(List<Exchange> exchanges, String what, int status, String token, String procedure,
            String body) {
        exchanges.add(expect(what, status, as(token).contentType("application/json; charset=UTF-8").body(body)
                .post(Prefills.path(procedure))));
    }

    /**
     * A judicial-record prefill of a person the NPD cannot deliver: 503 NPD_UNAVAILABLE. The
     * breakers are reset first, so each failure reaches the NPD instead of an open circuit.
     */
    private void failingCall(List<Exchange> exchanges, String what, String personalId) {
        breakers.resetAll();
        call(exchanges, what, 503, JUDICIAL, "judicial-record", Prefills.body("applicant", personalId));
        assertFalse(npd.findAll(NpdMock.lookupRequest(personalId)).isEmpty(), what + " reached the NPD");
    }

    private static Exchange expect(String what, int status, Response response) {
        if (response.statusCode() != status) {
            fail(what + ": expected " + status + " but the gateway answered " + response.statusCode() + " "
                    + scanner().masked(response.asString()));
        }
        return new Exchange(what, response);
    }

    private void stubFound(ObjectNode record) {
        npd.stubFor(NpdMock.lookup(record.get("personalId").asText()).willReturn(okJson(record.toString())));
    }
}
