package vn.gov.dancu.gateway.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import vn.gov.dancu.gateway.upstream.npd.NpdResilience;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the API tests: the WireMock NPD, the WireMock OIDC provider and a real PostgreSQL;
 * stubs and the NPD client's resilience state reset before each test and breakers after, so no
 * test sees another's outage.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(NpdMock.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(VneidMock.class) // identity (issue 8)
public abstract class GatewayTest {

    @InjectNpdMock
    protected WireMockServer npd;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    NpdResilience resilience;

    @Inject
    vn.gov.dancu.gateway.upstream.vneid.VneidResilience vneidResilience;

    /** VNeID's client state (last error, cached keys, token) afresh for each test (identity, issue 8). */
    @BeforeEach
    void resetVneid() {
        vneidResilience.reset();
    }

    @BeforeEach
    void resetNpd() {
        NpdMock.reset(npd);
        // No test may inherit another's Retry-After, spent retry budget or cached answers.
        resilience.reset();
    }

    @AfterEach
    void resetBreakers() {
        breakers.resetAll();
    }

    /** What the WireMock NPD answered must be what a real NPD could answer (upstreams/npd.openapi.yaml). */
    @AfterEach
    void npdStubsHonourTheContract() {
        UpstreamContracts.assertNpdStubsHonourTheContract(npd);
    }

    /** A request as a civil-status officer of {@link Officers#AGENCY}. */
    protected static RequestSpecification asCivilStatusOfficer() {
        return RestAssured.given().auth().oauth2(Officers.civilStatus());
    }

    protected static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token);
    }
}
