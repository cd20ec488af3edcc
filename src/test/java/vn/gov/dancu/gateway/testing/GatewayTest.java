package vn.gov.dancu.gateway.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the API tests: the WireMock NPD and the WireMock OIDC provider, stubs reset before
 * each test and breakers after, so no test sees another's outage.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(NpdMock.class)
public abstract class GatewayTest {

    @InjectNpdMock
    protected WireMockServer npd;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void resetNpd() {
        NpdMock.reset(npd);
    }

    @AfterEach
    void resetBreakers() {
        breakers.resetAll();
    }

    /** A request as a civil-status officer of {@link Officers#AGENCY}. */
    protected static RequestSpecification asCivilStatusOfficer() {
        return RestAssured.given().auth().oauth2(Officers.civilStatus());
    }

    protected static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token);
    }
}
