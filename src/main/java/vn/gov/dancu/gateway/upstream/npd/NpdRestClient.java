package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
 * {@link NpdClient}, which adds tokens and resilience.
 */
@RegisterRestClient(configKey = "npd")
@Produces(MediaType.APPLICATION_JSON)
interface NpdRestClient {

    @POST
    @Path("/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<NpdToken> token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret);

    @GET
    @Path("/api/v1/citizens/{personalId}")
    Uni<ObjectNode> citizen(@PathParam("personalId") String personalId, @QueryParam("fields") String fields,
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
