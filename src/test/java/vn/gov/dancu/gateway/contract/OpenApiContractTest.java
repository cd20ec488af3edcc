package vn.gov.dancu.gateway.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.OpenApiValidation;

/**
 * The committed {@code openapi.yaml} and the running service describe the same API: the same
 * operations, all of them protected, and the file is what {@code /q/openapi} serves.
 */
@QuarkusTest
class OpenApiContractTest extends GatewayTest {

    /**
     * X-Road's sweep: every documented {@code /api/v1} operation, called without a token, is
     * refused as the contract says. An operation someone forgot to protect answers something else.
     */
    @Test
    void everyDocumentedOperationRequiresAToken() {
        Map<String, Contract.Op> operations = Contract.committed().apiOperations();
        assertFalse(operations.isEmpty(), "openapi.yaml documents no /api/ operation");
        List<Executable> checks = new ArrayList<>();
        for (Contract.Op op : operations.values()) {
            checks.add(() -> {
                try {
                    RequestSpecification request = given().filter(OpenApiValidation.responseFilter());
                    op.exampleJsonBody().ifPresent(body -> request.contentType("application/json").body(body));
                    request.request(op.method(), op.examplePath())
                            .then()
                            .statusCode(401)
                            .contentType("application/problem+json")
                            .header("WWW-Authenticate", startsWith("Bearer"))
                            .body("code", equalTo("UNAUTHENTICATED"));
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(op.key() + " without a token: " + e.getMessage(), e);
                }
            });
        }
        assertAll("operations answering without a token", checks);
    }

    @Test
    void everyResourceMethodIsDocumented() {
        Set<String> undocumented = new TreeSet<>(ResourceMethods.declared());
        undocumented.removeAll(Contract.committed().apiOperations().keySet());
        assertTrue(undocumented.isEmpty(), "JAX-RS operations missing from openapi.yaml: " + undocumented);
    }

    @Test
    void everyDocumentedOperationExists() {
        Set<String> missing = new TreeSet<>(Contract.committed().apiOperations().keySet());
        missing.removeAll(ResourceMethods.declared());
        assertTrue(missing.isEmpty(), "openapi.yaml documents operations no resource in "
                + ResourceMethods.PACKAGE + " implements: " + missing);
    }

    /**
     * Contract-first: the service serves the committed file, in YAML and in JSON, not a generated
     * one. The operations, ids, statuses, schemas and version are compared as OpenAPI, and the
     * whole JSON document node by node, so nothing is added, dropped or rewritten on the way.
     */
    @Test
    void servedContractIsTheCommittedFile() throws IOException {
        Contract committed = Contract.committed();
        String yaml = given().get("/q/openapi").then().statusCode(200).extract().asString();
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().asString();
        JsonNode committedTree = new YAMLMapper().readTree(OpenApiValidation.CONTRACT.toFile());
        assertAll(
                () -> assertSameContract(committed, Contract.parse(yaml), "/q/openapi"),
                () -> assertSameContract(committed, Contract.parse(json), "/q/openapi?format=json"),
                () -> assertEquals(List.of(), differences("", committedTree, new ObjectMapper().readTree(json)),
                        "/q/openapi?format=json differs from openapi.yaml at"));
    }

    private static void assertSameContract(Contract committed, Contract served, String where) {
        OpenAPI expected = committed.api();
        OpenAPI actual = served.api();
        assertAll(where,
                () -> assertEquals(expected.getOpenapi(), actual.getOpenapi(), where + ": openapi version"),
                () -> assertEquals(expected.getInfo().getVersion(), actual.getInfo().getVersion(),
                        where + ": info.version"),
                () -> assertEquals(expected.getInfo().getTitle(), actual.getInfo().getTitle(), where + ": info.title"),
                () -> assertEquals(signatures(committed), signatures(served),
                        where + ": operations, their ids and their statuses"),
                () -> assertEquals(new TreeSet<>(expected.getComponents().getSchemas().keySet()),
                        new TreeSet<>(actual.getComponents().getSchemas().keySet()), where + ": schemas"));
    }

    private static final List<String> UNORDERED = List.of("/allOf", "/anyOf", "/oneOf");

    /** JSON pointers where the two documents differ (at most 20, so a failure stays readable). */
    private static List<String> differences(String pointer, JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        collectDifferences(pointer, expected, actual, out);
        return out.size() > 20 ? out.subList(0, 20) : out;
    }

    private static void collectDifferences(String pointer, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name) || !actual.has(name)) {
                    out.add(child + (expected.has(name) ? " (not served)" : " (served, not committed)"));
                } else {
                    collectDifferences(child, expected.get(name), actual.get(name), out);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            if (UNORDERED.stream().anyMatch(pointer::endsWith)) {
                // SmallRye OpenAPI reorders the members of allOf (the inline schema first); their
                // order means nothing in JSON Schema, so these arrays are compared as sets.
                List<JsonNode> unmatched = new ArrayList<>();
                actual.forEach(unmatched::add);
                expected.forEach(member -> unmatched.remove(member)); // JsonNode equality ignores key order
                if (!unmatched.isEmpty()) {
                    out.add(pointer + " (" + expected + " committed, " + actual + " served)");
                }
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                collectDifferences(pointer + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(pointer + " (" + expected + " committed, " + actual + " served)");
        }
    }

    /** Per operation: its id and documented statuses, e.g. {@code "POST /api/v1/... -> prefill [200, 400, ...]"}. */
    private static Map<String, String> signatures(Contract contract) {
        Map<String, String> signatures = new TreeMap<>();
        contract.operations().forEach((key, op) -> signatures.put(key, op.operation().getOperationId() + " "
                + new TreeSet<>(op.operation().getResponses().keySet()).stream().collect(Collectors.joining(", ", "[", "]"))));
        return signatures;
    }
}
