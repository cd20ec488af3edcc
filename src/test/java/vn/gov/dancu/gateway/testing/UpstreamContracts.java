package vn.gov.dancu.gateway.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The upstreams' contracts as committed in {@code upstreams/} (copies of what the national side
 * publishes): the simulators and the WireMock stubs are held to them, so a stand-in that drifts
 * from the contract fails a test instead of teaching the gateway a wrong NPD.
 *
 * <p>Only responses are judged: tests send malformed requests on purpose, and what matters is that
 * the stand-in answers them as the contract says a real NPD would.
 */
public final class UpstreamContracts {

    public static final Path NPD = Path.of("upstreams", "npd.openapi.yaml");
    public static final Path VNEID = Path.of("upstreams", "vneid.openapi.yaml");

    private UpstreamContracts() {
    }

    /** A REST Assured filter that fails the call when the NPD stand-in's answer breaks the NPD contract. */
    public static Filter npdFilter() {
        return (request, response, context) -> {
            Response answer = context.next(request, response);
            check(URI.create(request.getURI()).getPath(), request.getMethod(), RestAssuredResponse.of(answer));
            return answer;
        };
    }

    /** Fails when an answer from an NPD stand-in breaks the NPD contract. */
    public static void assertNpdResponse(String method, String path, HttpResponse<String> response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        check(path, method, builder.build());
    }

    /**
     * Every answer a WireMock NPD gave in a test, held to the NPD contract. Left out on purpose:
     * transport faults and bodies that are not JSON at all (the "unreadable answer" fault tests
     * break the contract by design), stubs marked {@link NpdMock#offContract}, and the catch-all for
     * requests no test stubbed.
     */
    public static void assertNpdStubsHonourTheContract(com.github.tomakehurst.wiremock.WireMockServer npd) {
        List<String> broken = new java.util.ArrayList<>();
        for (var event : npd.getAllServeEvents()) {
            var answer = event.getResponse();
            if (answer == null || answer.getFault() != null || event.getResponseDefinition().getFault() != null
                    || event.getStubMapping() == null || event.getStubMapping().getPriority() != null
                            && event.getStubMapping().getPriority() >= NpdMock.CATCH_ALL_PRIORITY
                    || event.getStubMapping().getMetadata() != null
                            && event.getStubMapping().getMetadata().containsKey(NpdMock.OFF_CONTRACT)
                    || !json(answer.getBodyAsString())) {
                continue;
            }
            SimpleResponse.Builder builder = SimpleResponse.Builder.status(answer.getStatus())
                    .withBody(answer.getBodyAsString());
            if (answer.getHeaders() != null) {
                answer.getHeaders().all().forEach(h -> builder.withHeader(h.key(), h.values()));
            }
            String path = URI.create(event.getRequest().getUrl()).getPath();
            try {
                check(path, event.getRequest().getMethod().getName(), builder.build());
            } catch (AssertionError e) {
                broken.add(e.getMessage());
            }
        }
        if (!broken.isEmpty()) {
            throw new AssertionError("WireMock NPD answers that no real NPD would give:\n" + String.join("\n", broken));
        }
    }

    private static boolean json(String body) {
        if (body == null || body.isBlank()) {
            return true;
        }
        try {
            JSON.readTree(body);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static void check(String path, String method, com.atlassian.oai.validator.model.Response response) {
        List<ValidationReport.Message> errors = Npd.VALIDATOR
                .validateResponse(path, Request.Method.valueOf(method), response).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !nullOfNullableReference(m))
                // Any server can fail with a 5xx its contract does not list; the fault tests make
                // the NPD do so on purpose, and the gateway must cope. Its body is still checked.
                .filter(m -> !(response.getStatus() >= 500 && m.getKey().equals("validation.response.status.unknown")))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " → " + response.getStatus()
                    + " breaks upstreams/npd.openapi.yaml:\n" + errors);
        }
    }

    /**
     * The contract writes a nullable object as {@code {allOf: [{$ref: ...}], nullable: true}}, the
     * OpenAPI 3.0 idiom for "this shape, or null"; the validator's JSON-schema engine does not apply
     * {@code nullable} beside {@code allOf} and reports the null. That one finding is the validator's,
     * not the stand-in's; everything else about the value is still checked.
     */
    private static boolean nullOfNullableReference(ValidationReport.Message message) {
        return message.getKey().equals("validation.response.body.schema.allOf")
                && !message.getNestedMessages().isEmpty()
                && message.getNestedMessages().stream().allMatch(n -> n.getMessage().contains("Instance type (null)"));
    }

    private static OpenApiInteractionValidator validator(Path contract) {
        if (!Files.isRegularFile(contract)) {
            throw new IllegalStateException("The upstream contract " + contract.toAbsolutePath() + " is missing");
        }
        return OpenApiInteractionValidator.createForSpecificationUrl(contract.toAbsolutePath().toUri().toString())
                .withLevelResolver(LevelResolver.create()
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    // --- VNeID (identity, issue 8) ---------------------------------------------------------------

    /** A REST Assured filter that fails the call when a VNeID stand-in's answer breaks the VNeID contract. */
    public static Filter vneidFilter() {
        return (request, response, context) -> {
            Response answer = context.next(request, response);
            checkVneid(URI.create(request.getURI()).getPath(), request.getMethod(), RestAssuredResponse.of(answer));
            return answer;
        };
    }

    private static void checkVneid(String path, String method, com.atlassian.oai.validator.model.Response response) {
        List<ValidationReport.Message> errors = Vneid.VALIDATOR
                .validateResponse(path, Request.Method.valueOf(method), response).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " → " + response.getStatus()
                    + " breaks upstreams/vneid.openapi.yaml:\n" + errors);
        }
    }

    private static final class Vneid {
        static final OpenApiInteractionValidator VALIDATOR = validator(VNEID);
    }

    private static final class Npd {
        static final OpenApiInteractionValidator VALIDATOR = validator(NPD);
    }
}
