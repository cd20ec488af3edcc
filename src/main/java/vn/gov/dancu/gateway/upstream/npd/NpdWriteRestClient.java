package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The NPD's two write operations ({@code upstreams/npd.openapi.yaml}: {@code personal-ids},
 * {@code civil-status-events}), on the same {@code quarkus.rest-client.npd.*} configuration as
 * the lookups. An interface of its own because a write's refusal must keep the NPD's status,
 * {@code errorCode} and message (a parked event shows them), which the lookups' mapper folds away.
 * Package-private: {@link NpdWriter} carries the resilience.
 */
@RegisterRestClient(configKey = "npd")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface NpdWriteRestClient {

    /** 201 issued, 200 a replay of the same Idempotency-Key and body. */
    @POST
    @Path("/api/v1/personal-ids")
    Uni<RestResponse<ObjectNode>> issuePersonalId(JsonNode body,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Case-Id") String caseId,
            @HeaderParam("X-Officer-Id") String officerId,
            @HeaderParam("X-Agency-Code") String agencyCode,
            @HeaderParam("X-Request-Id") String requestId);

    /** 202 accepted (also on a replay of the same key and body). */
    @POST
    @Path("/api/v1/civil-status-events")
    Uni<RestResponse<ObjectNode>> reportEvent(JsonNode body,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Case-Id") String caseId,
            @HeaderParam("X-Officer-Id") String officerId,
            @HeaderParam("X-Agency-Code") String agencyCode,
            @HeaderParam("X-Request-Id") String requestId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NpdErrors.fromWrite(response);
    }
}
