package vn.gov.dancu.gateway.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Validates REST Assured calls against the vendors' contract, the root {@code openapi.yaml}: add
 * {@code .filter(OpenApiValidation.filter())} to a request and the test fails when the request or
 * the response is not what the contract says (an undocumented status, a missing required header
 * such as {@code X-Request-Id} or {@code Retry-After}, a wrong media type, a property too many or
 * too few, a value outside its enum or pattern).
 *
 * <p>Every level stays at ERROR. In particular {@code validation.schema.additionalProperties} is
 * left on: the validator then treats every schema without an explicit {@code additionalProperties}
 * as closed, which is what the contract means for the gateway's own bodies. The shapes that are
 * open on purpose (the NPD's pass-through values, the request body) say so in the yaml.
 *
 * <p>The filters are built once, on first use, and shared: parsing the contract takes a while.
 */
public final class OpenApiValidation {

    /** The committed contract, relative to the project root (Maven runs tests from there). */
    public static final Path CONTRACT = Path.of("openapi.yaml");

    private OpenApiValidation() {
    }

    /** Validates the request and the response: for calls that honour the contract. */
    public static OpenApiValidationFilter filter() {
        return Strict.FILTER;
    }

    /**
     * Validates the response only: for calls that break the contract on purpose (an unknown
     * procedure in the path, a {@code text/plain} body, {@code Accept: text/html}, no token),
     * where the point is that the gateway's refusal is documented. Request findings are ignored
     * because the request is wrong by design, not because the validator is.
     */
    public static OpenApiValidationFilter responseFilter() {
        return ResponseOnly.FILTER;
    }

    /** The contract's location as the validator wants it. */
    public static String contractLocation() {
        if (!Files.isRegularFile(CONTRACT)) {
            throw new IllegalStateException("The contract " + CONTRACT.toAbsolutePath() + " is missing");
        }
        return CONTRACT.toAbsolutePath().toUri().toString();
    }

    private static OpenApiValidationFilter build(LevelResolver levels) {
        return new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForSpecificationUrl(contractLocation())
                .withLevelResolver(levels)
                .build());
    }

    // Holder classes: each filter is built on first use, thread-safely, and only if used.
    private static final class Strict {
        static final OpenApiValidationFilter FILTER = build(LevelResolver.create()
                .withDefaultLevel(ValidationReport.Level.ERROR).build());
    }

    private static final class ResponseOnly {
        static final OpenApiValidationFilter FILTER = build(LevelResolver.create()
                .withDefaultLevel(ValidationReport.Level.ERROR)
                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                .build());
    }
}
