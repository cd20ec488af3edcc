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
    }

    /** A lookup of {@code personalId} (any fields, our token). */
    public static MappingBuilder lookup(String personalId) {
        return get(urlPathEqualTo("/api/v1/citizens/" + personalId))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN));
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
