package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The NPD's HTTP contract ({@code upstreams/npd.openapi.yaml}), configured only through
 * {@code quarkus.rest-client.npd.*}. Package-private: the rest of the gateway goes through
 * {@link NpdClient}, which adds resilience; the token comes from {@link NpdTokens} (the OIDC
 * client), which calls the NPD's token endpoint itself.
 */
@RegisterRestClient(configKey = "npd")
@Produces(MediaType.APPLICATION_JSON)
interface NpdRestClient {

    @GET
    @Path("/api/v1/citizens/{personalId}")
    Uni<ObjectNode> citizen(@PathParam("personalId") String personalId, @QueryParam("fields") String fields,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Purpose") String purpose,
            @HeaderParam("X-Case-Id") String caseId,
            @HeaderParam("X-Officer-Id") String officerId,
            @HeaderParam("X-Agency-Code") String agencyCode,
            @HeaderParam("X-Request-Id") String requestId);

    /** Verify-only (identity, issue 8): one verdict per claim, never the record's values. */
    @jakarta.ws.rs.POST
    @Path("/api/v1/citizens/{personalId}:verify")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    Uni<ObjectNode> verify(@PathParam("personalId") String personalId, java.util.Map<String, String> claims,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Purpose") String purpose,
            @HeaderParam("X-Case-Id") String caseId,
            @HeaderParam("X-Officer-Id") String officerId,
            @HeaderParam("X-Agency-Code") String agencyCode,
            @HeaderParam("X-Request-Id") String requestId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NpdErrors.from(response);
    }
}
