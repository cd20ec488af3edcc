package vn.gov.dancu.gateway.contract;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.gov.dancu.gateway.testing.OpenApiValidation;

/**
 * The operations of an OpenAPI document, read with the parser the request validator uses, so the
 * contract tests and {@link OpenApiValidation} see the same document.
 */
public final class Contract {

    /** One documented operation. */
    public record Op(String method, String path, Operation operation) {

        /** {@code "POST /api/v1/prefill/{procedure}"}: how operations are compared and named in failures. */
        public String key() {
            return method + " " + path;
        }

        /** The path with every path parameter replaced by a valid value the contract gives for it. */
        public String examplePath() {
            String result = path;
            for (Parameter p : parameters()) {
                if ("path".equals(p.getIn())) {
                    result = result.replace("{" + p.getName() + "}", exampleOf(p)
                            .orElseThrow(() -> new AssertionError(key() + ": path parameter " + p.getName()
                                    + " has no example and no enum to take a valid value from")));
                }
            }
            return result;
        }

        /** The first JSON example of the request body, serialised, when the operation has a body. */
        public Optional<String> exampleJsonBody() {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return Optional.empty();
            }
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            if (json == null) {
                return Optional.empty();
            }
            Object value = json.getExample();
            if (value == null && json.getExamples() != null && !json.getExamples().isEmpty()) {
                value = json.getExamples().values().iterator().next().getValue();
            }
            if (value == null) {
                throw new AssertionError(key() + ": the JSON request body has no example");
            }
            try {
                return Optional.of(Json.mapper().writeValueAsString(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private List<Parameter> parameters() {
            return operation.getParameters() == null ? List.of() : operation.getParameters();
        }

        private static Optional<String> exampleOf(Parameter p) {
            if (p.getExample() != null) {
                return Optional.of(p.getExample().toString());
            }
            Schema<?> schema = p.getSchema();
            if (schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                return Optional.of(schema.getEnum().get(0).toString());
            }
            return Optional.ofNullable(schema == null ? null : schema.getExample()).map(Object::toString);
        }
    }

    private final OpenAPI api;

    private Contract(OpenAPI api) {
        this.api = api;
    }

    /** The committed {@code openapi.yaml}; parse problems fail the test that asked. */
    public static Contract committed() {
        return Committed.CONTRACT;
    }

    /** A document given as text (YAML or JSON), e.g. as the running service serves it. */
    static Contract parse(String text) {
        return new Contract(checked(new OpenAPIV3Parser().readContents(text, null, options()), "the served document"));
    }

    OpenAPI api() {
        return api;
    }

    /** Every operation, keyed by {@link Op#key()}, sorted so failure messages are stable. */
    Map<String, Op> operations() {
        Map<String, Op> ops = new TreeMap<>();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Op op = new Op(method.name(), path, operation);
                ops.put(op.key(), op);
            }));
        }
        return ops;
    }

    /** The operations of the gateway's own API (under {@code /api/}), not the platform's {@code /q/} probes. */
    public Map<String, Op> apiOperations() {
        Map<String, Op> ops = new TreeMap<>(operations());
        ops.values().removeIf(op -> !op.path().startsWith("/api/"));
        return ops;
    }

    private static ParseOptions options() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return options;
    }

    private static OpenAPI checked(SwaggerParseResult result, String what) {
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new AssertionError("Cannot read " + what + " as OpenAPI: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    private static final class Committed {
        static final Contract CONTRACT = new Contract(checked(new OpenAPIV3Parser()
                .readLocation(OpenApiValidation.contractLocation(), null, options()), OpenApiValidation.CONTRACT.toString()));
    }
}
