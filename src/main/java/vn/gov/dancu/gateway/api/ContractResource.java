package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /q/openapi}: the vendors' contract, {@code openapi.yaml} exactly as committed (the
 * build copies it into {@code META-INF}), or the same document as JSON with {@code ?format=json}
 * or {@code Accept: application/json}. Public, as the contract is.
 *
 * <p>Served here rather than by the SmallRye OpenAPI extension, which parsed and re-modelled the
 * whole file at every start (a fifth of the start-up, issue 11) to serve what the file already
 * says. The JSON form is converted on first request and kept.
 */
@Path("/q/openapi")
public class ContractResource {

    static final String YAML = "application/yaml;charset=UTF-8";
    static final String JSON = "application/json;charset=UTF-8";

    private static final String FILE = "META-INF/openapi.yaml";

    private static volatile byte[] yaml;
    private static volatile byte[] json;

    @GET
    public Response contract(@QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean asJson = format != null ? "json".equalsIgnoreCase(format)
                : accept != null && accept.contains("application/json") && !accept.contains("yaml");
        return asJson ? Response.ok(json(), JSON).build() : Response.ok(yaml(), YAML).build();
    }

    private static byte[] yaml() {
        byte[] bytes = yaml;
        if (bytes == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
                if (in == null) {
                    throw new IllegalStateException(FILE + " is missing from the build");
                }
                yaml = bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }

    private static byte[] json() {
        byte[] bytes = json;
        if (bytes == null) {
            try {
                json = bytes = new ObjectMapper().writeValueAsBytes(
                        new YAMLMapper().readTree(new String(yaml(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }
}
