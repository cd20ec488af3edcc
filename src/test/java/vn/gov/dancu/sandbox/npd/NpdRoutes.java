package vn.gov.dancu.sandbox.npd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.sandbox.npd.NpdSimulator.IssuedToken;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation.Cancellation;

/**
 * The HTTP face of the {@link NpdSimulator}: one router per event loop, whose handlers run the
 * contract's checks in the order a real gateway-facing API would (latency, maintenance, bearer
 * token, quota, purpose headers, then the request itself) and answer every error in the
 * contract's {@code Error} shape with the request id.
 *
 * <p>Besides the contract, {@code /sandbox/*} lets a demo or a test in another class loader drive
 * the simulator over HTTP: read the call log, switch maintenance, latency and quota, expire
 * tokens, reset. These paths exist only in the simulator, never in the real NPD.
 *
 * <p>Paths with a colon ({@code citizens:batchGet}, {@code {id}:verify}) are regex routes: Vert.x
 * reads {@code :name} in a plain path as a parameter. A percent-encoded colon is accepted too.
 */
public final class NpdRoutes {

    /** Records and maps as the contract writes them; instants (in the call log) as ISO-8601 text. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String REQUEST_ID = "npd.requestId";
    private static final String CALL = "npd.call";
    private static final String CLIENT = "npd.client";
    private static final Set<String> FIELD_NAMES = Set.copyOf(CitizenRecord.FIELDS);
    private static final int MAX_BATCH = 20;

    private final NpdSimulator simulator;
    private final Vertx vertx;

    NpdRoutes(NpdSimulator simulator, Vertx vertx) {
        this.simulator = simulator;
        this.vertx = vertx;
    }

    /**
     * The routes. The order of the {@code /api/v1/*} chain is the order in which a caller learns
     * what is wrong: a bad token before a quota, a quota before a missing purpose.
     */
    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(this::requestId);
        // Health and the token endpoint need no bearer token, so they sit outside the API chain.
        router.get("/health").handler(this::health);
        router.post("/oauth2/token").handler(BodyHandler.create(false).setBodyLimit(8 * 1024))
                .handler(this::delay).handler(guard(this::token));
        router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(this::startCall).handler(this::delay)
                .handler(guard(this::maintenance)).handler(guard(this::authenticate)).handler(guard(this::quota));
        router.getWithRegex("/api/v1/citizens/([^/:%]+)")
                .handler(guard(this::purpose)).handler(guard(this::getCitizen));
        router.postWithRegex("/api/v1/citizens(?::|%3[Aa])batchGet")
                .handler(guard(this::purpose)).handler(guard(this::batchGet));
        router.postWithRegex("/api/v1/citizens/([^/:%]+)(?::|%3[Aa])verify")
                .handler(guard(this::purpose)).handler(guard(this::verify));
        router.post("/api/v1/personal-ids")
                .handler(guard(this::writeHeaders)).handler(guard(this::issuePersonalId));
        router.post("/api/v1/civil-status-events")
                .handler(guard(this::writeHeaders)).handler(guard(this::civilStatusEvent));
        // Simulator controls for demos and tests in other class loaders; not part of the contract.
        router.get("/sandbox/calls").handler(ctx -> json(ctx, 200, simulator.calls()));
        router.get("/sandbox/behaviour").handler(ctx -> json(ctx, 200, behaviour()));
        router.post("/sandbox/behaviour").handler(BodyHandler.create(false).setBodyLimit(1024))
                .handler(guard(this::changeBehaviour));
        router.post("/sandbox/expire-tokens").handler(ctx -> {
            simulator.expireAllTokens();
            ctx.response().setStatusCode(204).end();
        });
        router.post("/sandbox/reset").handler(ctx -> {
            simulator.reset();
            ctx.response().setStatusCode(204).end();
        });
        // Anything else still answers in the contract's Error shape, never Vert.x's HTML page.
        router.route().last().handler(ctx -> error(ctx,
                new NpdFailure(404, "INVALID_REQUEST", "Không có tài nguyên này.")));
        router.errorHandler(413, ctx -> error(ctx,
                new NpdFailure(413, "INVALID_REQUEST", "Yêu cầu quá lớn.")));
        router.errorHandler(500, ctx -> error(ctx,
                new NpdFailure(500, "UNAVAILABLE", "Lỗi hệ thống, vui lòng thử lại sau.")));
        return router;
    }

    /** Runs a step and turns an {@link NpdFailure} into its error answer. */
    private Handler<RoutingContext> guard(Handler<RoutingContext> step) {
        return ctx -> {
            try {
                step.handle(ctx);
            } catch (NpdFailure failure) {
                error(ctx, failure);
            }
        };
    }

    // --- steps every call goes through ---------------------------------------------------------

    /** Echoes the caller's X-Request-Id (or makes one) on every response. */
    private void requestId(RoutingContext ctx) {
        String given = ctx.request().getHeader("X-Request-Id");
        String id = given != null && !given.isBlank() && given.length() <= 64 ? given : UUID.randomUUID().toString();
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader("X-Request-Id", id);
        ctx.next();
    }

    /** Starts the access-log entry of an API call; it is written when the answer's headers go out. */
    private void startCall(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        CallEntry call = new CallEntry(simulator.clock().instant(), request.method().name(), request.path(),
                request.getHeader("X-Purpose"), request.getHeader("X-Case-Id"), request.getHeader("X-Officer-Id"),
                request.getHeader("X-Agency-Code"), ctx.get(REQUEST_ID));
        ctx.put(CALL, call);
        ctx.addHeadersEndHandler(v -> simulator.record(call.toCall(ctx.response().getStatusCode())));
        ctx.next();
    }

    private void delay(RoutingContext ctx) {
        Duration latency = simulator.latency();
        if (latency.isZero() || latency.isNegative()) {
            ctx.next();
        } else {
            // A timer on this event loop: the loop keeps serving other requests meanwhile.
            vertx.setTimer(latency.toMillis(), id -> ctx.next());
        }
    }

    private void maintenance(RoutingContext ctx) {
        if (simulator.inMaintenance()) {
            throw new NpdFailure(503, "MAINTENANCE", "Hệ thống đang bảo trì, vui lòng thử lại sau.", null,
                    retryAfterSeconds(simulator.maintenanceRetryAfter().toMillis()));
        }
        ctx.next();
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new NpdFailure(401, "TOKEN_INVALID", "Thiếu mã truy cập.");
        }
        IssuedToken token = simulator.token(header.substring(7).strip())
                .orElseThrow(() -> new NpdFailure(401, "TOKEN_INVALID", "Mã truy cập không hợp lệ."));
        if (!token.expiresAt().isAfter(simulator.clock().instant())) {
            throw new NpdFailure(401, "TOKEN_EXPIRED", "Mã truy cập đã hết hạn.");
        }
        ctx.put(CLIENT, token.clientId());
        call(ctx).clientId = token.clientId();
        ctx.next();
    }

    private void quota(RoutingContext ctx) {
        if (simulator.quotaPerSecond() > 0) {
            long waitMillis = simulator.bucket(ctx.get(CLIENT)).tryAcquire(simulator.clock().millis());
            if (waitMillis > 0) {
                throw new NpdFailure(429, "RATE_LIMITED", "Vượt quá hạn mức truy vấn, vui lòng thử lại sau.", null,
                        retryAfterSeconds(waitMillis));
            }
        }
        ctx.next();
    }

    /** X-Purpose (one of the six codes), X-Case-Id, X-Officer-Id, X-Agency-Code: all required on reads. */
    private void purpose(RoutingContext ctx) {
        // Exactly one purpose: a call that claims two is as unaccountable as one that claims none.
        List<String> purposes = ctx.request().headers().getAll("X-Purpose");
        if (purposes.size() != 1 || !NpdSimulator.PURPOSES.contains(purposes.get(0))) {
            throw purposeRequired("X-Purpose");
        }
        caseOfficerAgency(ctx);
        ctx.next();
    }

    /** Writes carry no purpose code but still name the case, officer and agency, and an Idempotency-Key. */
    private void writeHeaders(RoutingContext ctx) {
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key == null || key.length() < 8 || key.length() > 128) {
            throw NpdFailure.invalidRequest("Idempotency-Key (8–128 ký tự)");
        }
        caseOfficerAgency(ctx);
        ctx.next();
    }

    /** The three headers that tie a call to a case, an officer and an agency, within the contract's lengths. */
    private static void caseOfficerAgency(RoutingContext ctx) {
        for (Map.Entry<String, Integer> header : Map.of("X-Case-Id", 64, "X-Officer-Id", 64, "X-Agency-Code", 32)
                .entrySet()) {
            String value = ctx.request().getHeader(header.getKey());
            if (value == null || value.isBlank() || value.length() > header.getValue()) {
                throw purposeRequired(header.getKey());
            }
        }
    }

    private static NpdFailure purposeRequired(String header) {
        return new NpdFailure(400, "PURPOSE_REQUIRED",
                "Thiếu hoặc sai thông tin mục đích khai thác (" + header + ").");
    }

    // --- operations ----------------------------------------------------------------------------

    /** {@code GET /health}: 200 always, DOWN in maintenance, so a probe can tell "up but closed" from "gone". */
    private void health(RoutingContext ctx) {
        json(ctx, 200, Map.of("status", simulator.inMaintenance() ? "DOWN" : "UP"));
    }

    /** {@code POST /oauth2/token}: client credentials in the form (or HTTP Basic), answered with a bearer token. */
    private void token(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"client_credentials".equals(request.getFormAttribute("grant_type"))) {
            throw NpdFailure.invalidRequest("grant_type phải là client_credentials");
        }
        String clientId = request.getFormAttribute("client_id");
        String clientSecret = request.getFormAttribute("client_secret");
        // The contract names form fields; OAuth2 clients often send HTTP Basic instead, which any
        // real authorisation server accepts too.
        String basic = request.getHeader("Authorization");
        if (clientId == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(basic.substring(6).strip());
            clientId = pair[0];
            clientSecret = pair[1];
        }
        if (!simulator.validClient(clientId, clientSecret)) {
            throw new NpdFailure(401, "TOKEN_INVALID", "Thông tin xác thực ứng dụng không đúng.");
        }
        Map.Entry<String, Long> token = simulator.issueToken(clientId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.getKey());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.getValue());
        ctx.response().putHeader("Cache-Control", "no-store");
        json(ctx, 200, body);
    }

    /** {@code GET /api/v1/citizens/{personalId}?fields=…}: personalId plus exactly the fields asked. */
    private void getCitizen(RoutingContext ctx) {
        String personalId = ctx.pathParam("param0");
        CallEntry call = call(ctx);
        call.personalIds = List.of(personalId);
        // Fields as sent, logged before validation: a refused request for "religion" is worth seeing too.
        // Both "fields=a,b" and "fields=a&fields=b" are accepted, as JAX-RS clients send either.
        List<String> raw = new ArrayList<>();
        ctx.queryParam("fields").forEach(value -> raw.addAll(List.of(value.split(",", -1))));
        call.fields = raw.stream().map(String::strip).filter(f -> !f.isEmpty()).toList();
        requireValidId(personalId);
        List<String> fields = fields(call.fields);
        json(ctx, 200, project(lookup(personalId), fields));
    }

    /** {@code POST /api/v1/citizens:batchGet}: up to 20 numbers, split into found, not found, cancelled. */
    private void batchGet(RoutingContext ctx) {
        JsonNode body = body(ctx);
        List<String> ids = strings(body.get("personalIds"), "personalIds");
        CallEntry call = call(ctx);
        call.personalIds = ids;
        call.fields = strings(body.get("fields"), "fields");
        if (ids.isEmpty() || ids.size() > MAX_BATCH) {
            throw NpdFailure.invalidRequest("personalIds phải có từ 1 đến " + MAX_BATCH + " số");
        }
        // One malformed number fails the whole batch: the caller sent something no NPD could answer.
        ids.forEach(NpdRoutes::requireValidId);
        List<String> fields = fields(call.fields);
        List<Map<String, Object>> citizens = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        List<Map<String, String>> cancelled = new ArrayList<>();
        // A number asked twice is answered once, in the order first asked.
        for (String id : new LinkedHashSet<>(ids)) {
            var cancellation = simulator.writes().cancellation(id);
            if (cancellation.isPresent()) {
                cancelled.add(cancellationEntry(cancellation.get()));
                continue;
            }
            simulator.writes().find(id).ifPresentOrElse(r -> citizens.add(project(r, fields)), () -> notFound.add(id));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("citizens", citizens);
        answer.put("notFound", notFound);
        answer.put("cancelled", cancelled);
        json(ctx, 200, answer);
    }

    /** {@code POST /api/v1/citizens/{personalId}:verify}: a verdict per claim, revealing nothing else. */
    private void verify(RoutingContext ctx) {
        String personalId = ctx.pathParam("param0");
        CallEntry call = call(ctx);
        call.personalIds = List.of(personalId);
        JsonNode body = body(ctx);
        // Only the contract's claims, as non-blank text: anything else would let a caller probe
        // fields the verify operation is not meant to reveal.
        Map<String, String> claims = new LinkedHashMap<>();
        body.properties().forEach(e -> {
            if (!ClaimVerifier.CLAIM_NAMES.contains(e.getKey())) {
                throw NpdFailure.invalidRequest("không kiểm tra được " + e.getKey());
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw NpdFailure.invalidRequest(e.getKey());
            }
            claims.put(e.getKey(), e.getValue().asText());
        });
        call.fields = List.copyOf(claims.keySet());
        if (claims.isEmpty()) {
            throw NpdFailure.invalidRequest("cần ít nhất một thông tin để kiểm tra");
        }
        if (claims.containsKey("dateOfBirth")
                && !ClaimVerifier.PARTIAL_DATE.matcher(claims.get("dateOfBirth")).matches()) {
            throw NpdFailure.invalidRequest("dateOfBirth");
        }
        if (claims.containsKey("gender")) {
            NpdWrites.gender(claims.get("gender"));
        }
        requireValidId(personalId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("personalId", personalId);
        answer.put("results", ClaimVerifier.verify(lookup(personalId), claims));
        json(ctx, 200, answer);
    }

    /** {@code POST /api/v1/personal-ids}: the logic (and idempotency) lives in {@link NpdWrites}. */
    private void issuePersonalId(RoutingContext ctx) {
        JsonNode body = body(ctx);
        call(ctx).personalIds = texts(body, "motherPersonalId", "fatherPersonalId");
        NpdWrites.Answer answer = simulator.writes().issuePersonalId(ctx.request().getHeader("Idempotency-Key"), body);
        json(ctx, answer.status(), answer.body());
    }

    /** {@code POST /api/v1/civil-status-events}: logged with every subject's number, applied by {@link NpdWrites}. */
    private void civilStatusEvent(RoutingContext ctx) {
        JsonNode body = body(ctx);
        JsonNode subjects = body.get("subjects");
        List<String> ids = new ArrayList<>();
        if (subjects != null && subjects.isObject()) {
            subjects.forEach(id -> ids.add(id.asText()));
        }
        call(ctx).personalIds = ids;
        NpdWrites.Answer answer = simulator.writes().recordEvent(ctx.request().getHeader("Idempotency-Key"), body);
        json(ctx, answer.status(), answer.body());
    }

    /** {@code POST /sandbox/behaviour} with any of maintenance, latencyMillis, quotaPerSecond. */
    private void changeBehaviour(RoutingContext ctx) {
        JsonNode body = body(ctx);
        JsonNode maintenance = body.get("maintenance");
        JsonNode latency = body.get("latencyMillis");
        JsonNode quota = body.get("quotaPerSecond");
        if (maintenance != null && !maintenance.isBoolean() || latency != null && !latency.canConvertToInt()
                || quota != null && !quota.canConvertToInt()) {
            throw NpdFailure.invalidRequest("maintenance (boolean), latencyMillis, quotaPerSecond (số nguyên)");
        }
        if (maintenance != null) {
            simulator.maintenance(maintenance.asBoolean());
        }
        if (latency != null) {
            simulator.latency(Duration.ofMillis(latency.asInt()));
        }
        if (quota != null) {
            simulator.quota(quota.asInt());
        }
        json(ctx, 200, behaviour());
    }

    private Map<String, Object> behaviour() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maintenance", simulator.inMaintenance());
        settings.put("latencyMillis", simulator.latency().toMillis());
        settings.put("quotaPerSecond", simulator.quotaPerSecond());
        settings.put("tokensIssued", simulator.tokensIssued());
        settings.put("callCount", simulator.callCount());
        return settings;
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The record behind a valid number, or the contract's 410 / 404. */
    private CitizenRecord lookup(String personalId) {
        var cancellation = simulator.writes().cancellation(personalId);
        if (cancellation.isPresent()) {
            throw NpdFailure.cancelled(cancellation.get().replacedBy());
        }
        return simulator.writes().find(personalId).orElseThrow(NpdFailure::notFound);
    }

    /** The same structure check the gateway applies (12 digits, province, century), plus no stray spaces. */
    private static void requireValidId(String personalId) {
        if (!PersonalId.isValid(personalId) || personalId.length() != 12) {
            throw NpdFailure.invalidId();
        }
    }

    /** The asked fields in order, without repeats; empty or unknown names are 400s. */
    private static List<String> fields(List<String> asked) {
        if (asked.isEmpty()) {
            throw NpdFailure.invalidRequest("thiếu danh sách trường (fields)");
        }
        for (String field : asked) {
            if (!FIELD_NAMES.contains(field)) {
                throw new NpdFailure(400, "UNKNOWN_FIELD", "Trường thông tin không được hỗ trợ: " + field);
            }
        }
        return List.copyOf(new LinkedHashSet<>(asked));
    }

    /** personalId first, then each asked field with its value or null; nothing else. */
    private static Map<String, Object> project(CitizenRecord record, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("personalId", record.personalId());
        fields.forEach(field -> out.put(field, record.field(field)));
        return out;
    }

    private static Map<String, String> cancellationEntry(Cancellation cancellation) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("personalId", cancellation.personalId());
        if (cancellation.replacedBy() != null) {
            entry.put("replacedBy", cancellation.replacedBy());
        }
        return entry;
    }

    /** The request body as a JSON object; anything else is INVALID_REQUEST rather than a 500. */
    private static JsonNode body(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            throw NpdFailure.invalidRequest("thiếu nội dung JSON");
        }
        try {
            JsonNode node = JSON.readTree(buffer.getBytes());
            if (node == null || !node.isObject()) {
                throw NpdFailure.invalidRequest("nội dung phải là một đối tượng JSON");
            }
            return node;
        } catch (IOException e) {
            throw NpdFailure.invalidRequest("JSON không đúng cú pháp");
        }
    }

    /** A JSON array of strings, as the contract's personalIds and fields are. */
    private static List<String> strings(JsonNode node, String name) {
        if (node == null || !node.isArray()) {
            throw NpdFailure.invalidRequest("thiếu " + name);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw NpdFailure.invalidRequest(name);
            }
            values.add(item.asText());
        }
        return values;
    }

    private static List<String> texts(JsonNode body, String... names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            JsonNode value = body.get(name);
            if (value != null && value.isTextual()) {
                values.add(value.asText());
            }
        }
        return values;
    }

    /** "id:secret" from an HTTP Basic header; a malformed one yields nulls and so a plain 401. */
    private static String[] decodeBasic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0
                    ? new String[] {pair, null}
                    : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return new String[] {null, null};
        }
    }

    /** Retry-After is whole seconds: round up, and never tell a client to retry at once. */
    private static int retryAfterSeconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    /** The call's log entry; a detached one outside {@code /api/v1}, so handlers never check for null. */
    private static CallEntry call(RoutingContext ctx) {
        CallEntry call = ctx.get(CALL);
        return call != null ? call : new CallEntry(null, null, null, null, null, null, null, null);
    }

    /** The contract's Error body, with Retry-After / WWW-Authenticate where the status calls for them. */
    private static void error(RoutingContext ctx, NpdFailure failure) {
        CallEntry call = ctx.get(CALL);
        if (call != null) {
            call.errorCode = failure.errorCode;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", failure.errorCode);
        body.put("message", failure.getMessage());
        body.put("requestId", ctx.get(REQUEST_ID));
        if (failure.replacedBy != null) {
            body.put("replacedBy", failure.replacedBy);
        }
        if (failure.retryAfterSeconds != null) {
            ctx.response().putHeader("Retry-After", String.valueOf(failure.retryAfterSeconds));
        }
        if (failure.status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        json(ctx, failure.status, body);
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        // A client that gave up during the latency delay leaves nothing to answer.
        if (ctx.response().ended()) {
            return;
        }
        try {
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(500, e);
        }
    }

    /** The access-log entry being filled while a call is handled. */
    private static final class CallEntry {
        private final java.time.Instant at;
        private final String method;
        private final String path;
        private final String purpose;
        private final String caseId;
        private final String officerId;
        private final String agencyCode;
        private final String requestId;
        String clientId;
        List<String> personalIds = List.of();
        List<String> fields = List.of();
        String errorCode;

        CallEntry(java.time.Instant at, String method, String path, String purpose, String caseId, String officerId,
                  String agencyCode, String requestId) {
            this.at = at;
            this.method = method;
            this.path = path;
            this.purpose = purpose;
            this.caseId = caseId;
            this.officerId = officerId;
            this.agencyCode = agencyCode;
            this.requestId = requestId;
        }

        NpdCall toCall(int status) {
            return new NpdCall(at, method, path, clientId, purpose, caseId, officerId, agencyCode, requestId,
                    personalIds, fields, status, errorCode);
        }
    }
}
