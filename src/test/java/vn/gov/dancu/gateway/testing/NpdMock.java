package vn.gov.dancu.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The NPD as a WireMock server on a dynamic port: the one test resource for that upstream.
 * Tests get the server through {@link InjectNpdMock} and describe the NPD's answers with the
 * static helpers here, so the contract's shapes are written once.
 */
public class NpdMock implements QuarkusTestResourceLifecycleManager {

    /** Stubs at this priority or lower are the catch-all for what no test stubbed (not the NPD's answers). */
    public static final int CATCH_ALL_PRIORITY = 10;

    /** Metadata of a stub that breaks the NPD contract on purpose (see {@link #offContract}). */
    public static final String OFF_CONTRACT = "offContract";

    /**
     * Marks a stub whose answer breaks the NPD contract on purpose (an error code echoing a number,
     * a token answer without a token), so the after-test contract check lets it be. Everything
     * else a WireMock NPD answers must be what a real NPD could answer.
     */
    public static MappingBuilder offContract(MappingBuilder stub) {
        return stub.withMetadata(com.github.tomakehurst.wiremock.common.Metadata.metadata().attr(OFF_CONTRACT, true));
    }

    /** The access token the mock hands out by default. */
    public static final String TOKEN = "npd-token-1";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().asynchronousResponseEnabled(true)
                .containerThreads(64));
        server.start();
        return Map.of("npd.url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectNpdMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Resets the mock and installs a token endpoint that issues {@link #TOKEN} for 300 s. */
    public static void reset(WireMockServer npd) {
        npd.resetAll();
        npd.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        // Anything a test did not stub is a loud 500, never WireMock's default 404, which the
        // gateway would read as "citizen not found" and a test could pass for the wrong reason.
        npd.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/v1/.*"))
                .atPriority(CATCH_ALL_PRIORITY).willReturn(errorResponse(500, "UNSTUBBED")));
    }

    /** A lookup of {@code personalId} (any fields, our token). */
    public static MappingBuilder lookup(String personalId) {
        return get(urlPathEqualTo("/api/v1/citizens/" + personalId))
                // any token: a test class may inherit a token another class's mock issued
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"));
    }

    /** The requests the NPD received for {@code personalId}, for {@code npd.verify(n, ...)}. */
    public static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder lookupRequest(String personalId) {
        return com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/api/v1/citizens/" + personalId));
    }

    /** Every citizen lookup, whoever it was for: verify zero of these to prove nothing was asked. */
    public static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder anyLookupRequest() {
        return com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/v1/citizens/.*"));
    }

    /** The NPD's Error body. */
    public static String error(String code) {
        return "{\"errorCode\":\"" + code + "\",\"message\":\"Lỗi\",\"requestId\":\"npd-1\"}";
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder errorResponse(int status,
            String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(error(code));
    }
}
