package vn.gov.dancu.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The resource's lifecycle, driven by hand as Quarkus would drive it, without booting Quarkus. */
class SandboxTestResourceTest {

    @Test
    void startsASandboxForTheTestAndStopsIt() {
        SandboxTestResource resource = new SandboxTestResource();
        Map<String, String> config = resource.start();
        try {
            Sandbox sandbox = SandboxTestResource.current();
            assertEquals(config.get("NPD_URL"), sandbox.config().get("NPD_URL"));
            assertTrue(config.entrySet().containsAll(sandbox.config().entrySet()));
            // The test profile's WireMock settings are overridden by name.
            assertEquals(sandbox.npd().baseUrl(), config.get("quarkus.rest-client.npd.url"));
            assertEquals("dancu-gateway", config.get("quarkus.oidc.token.audience"));
            given().get(config.get("NPD_URL") + "/health").then().statusCode(200);
            Holder holder = new Holder();
            resource.inject(new io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector() {
                @Override
                public void injectIntoFields(Object fieldValue,
                        java.util.function.Predicate<java.lang.reflect.Field> predicate) {
                    for (java.lang.reflect.Field field : Holder.class.getDeclaredFields()) {
                        if (predicate.test(field)) {
                            field.setAccessible(true);
                            try {
                                field.set(holder, fieldValue);
                            } catch (IllegalAccessException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }
            });
            assertSame(sandbox, holder.sandbox);
        } finally {
            resource.stop();
        }
        assertThrows(IllegalStateException.class, SandboxTestResource::current);
    }

    private static final class Holder {
        @InjectSandbox
        Sandbox sandbox;
    }
}
