package vn.gov.dancu.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.ManualClock;

/** A verified token spares the next request's signature check, never past its expiry or the window. */
class VerifiedBearersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqci1vZmZpY2VyIn0.c2lnbmF0dXJl";

    private final ManualClock clock = new ManualClock(NOW);
    private VerifiedBearers bearers;

    @BeforeEach
    void setUp() {
        bearers = new VerifiedBearers();
        bearers.clock = clock;
        bearers.configure(Duration.ofSeconds(30), 100);
    }

    @Test
    void aVerifiedTokenGivesItsIdentityAgainWithThisRequestsRoutingContext() {
        RoutingContext first = routingContext();
        RoutingContext second = routingContext();
        SecurityIdentity verified = identity(NOW.plusSeconds(300), first);
        bearers.put(TOKEN, verified);

        SecurityIdentity again = bearers.get(TOKEN, second);

        assertNotNull(again);
        assertSame(verified.getPrincipal(), again.getPrincipal());
        assertEquals(Set.of(Roles.JUDICIAL_RECORD_OFFICER), again.getRoles());
        assertSame(second, again.getAttribute(RoutingContext.class.getName()), "not the request it was built for");
    }

    @Test
    void anotherTokenStringIsNotTheVerifiedOne() {
        bearers.put(TOKEN, identity(NOW.plusSeconds(300), routingContext()));

        assertNull(bearers.get(TOKEN + "x", routingContext()));
        assertNull(bearers.get(TOKEN.substring(0, TOKEN.length() - 1), routingContext()));
    }

    @Test
    void aTokenPastItsExpiryIsCheckedAgainEvenInsideTheWindow() {
        bearers.put(TOKEN, identity(NOW.plusSeconds(10), routingContext()));
        clock.set(NOW.plusSeconds(9));
        assertNotNull(bearers.get(TOKEN, routingContext()));

        clock.set(NOW.plusSeconds(10));

        assertNull(bearers.get(TOKEN, routingContext()));
    }

    @Test
    void noIdentityIsKeptWithoutAnExpiryOrForAnAnonymousCaller() {
        bearers.put(TOKEN, identity(null, routingContext()));
        assertNull(bearers.get(TOKEN, routingContext()));

        bearers.put(TOKEN, QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertNull(bearers.get(TOKEN, routingContext()));

        bearers.put(TOKEN, null);
        assertNull(bearers.get(TOKEN, routingContext()));
    }

    @Test
    void aZeroWindowChecksEveryRequest() {
        bearers.configure(Duration.ZERO, 100);

        bearers.put(TOKEN, identity(NOW.plusSeconds(300), routingContext()));

        assertNull(bearers.get(TOKEN, routingContext()));
    }

    private static SecurityIdentity identity(Instant expires, RoutingContext context) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("jr-officer");
        if (expires != null) {
            claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(TOKEN, claims))
                .addRole(Roles.JUDICIAL_RECORD_OFFICER)
                .addAttribute(RoutingContext.class.getName(), context)
                .build();
    }

    private static RoutingContext routingContext() {
        return (RoutingContext) Proxy.newProxyInstance(VerifiedBearersTest.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
