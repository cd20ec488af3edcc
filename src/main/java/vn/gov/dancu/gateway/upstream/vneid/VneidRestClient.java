package vn.gov.dancu.gateway.upstream.vneid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * VNeID's relying-party contract ({@code upstreams/vneid.openapi.yaml}), configured only through
 * {@code quarkus.rest-client.vneid.*}. Package-private: the gateway goes through
 * {@link VneidClient} (QR codes) and {@link VneidIdTokens} (ID tokens).
 */
@RegisterRestClient(configKey = "vneid")
@Produces(MediaType.APPLICATION_JSON)
interface VneidRestClient {

    @POST
    @Path("/api/v1/identity/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<ObjectNode> redeem(Map<String, String> body,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Agency-Code") String agencyCode,
            @HeaderParam("X-Officer-Id") String officerId,
            @HeaderParam("X-Request-Id") String requestId);

    /** The keys that sign citizen ID tokens, as text: jose4j parses the JWK set itself. */
    @GET
    @Path("/jwks")
    Uni<String> jwks();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return VneidErrors.from(response);
    }
}
