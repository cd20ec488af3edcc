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

    private static void check(String path, String method, com.atlassian.oai.validator.model.Response response) {
        List<ValidationReport.Message> errors = Npd.VALIDATOR
                .validateResponse(path, Request.Method.valueOf(method), response).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !nullOfNullableReference(m))
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

    private static final class Npd {
        static final OpenApiInteractionValidator VALIDATOR = validator(NPD);
    }
}
