package vn.gov.dancu.gateway.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Roles only from claims of the shape spec §1 names: {@code realm_access} an object whose
 * {@code roles} is a list of strings (Keycloak), or {@code groups} a list of strings. Quarkus OIDC
 * is lenient: it takes {@code "realm_access": "civil-status-officer"} (a string) or a list in its
 * place as granting that role, so a misconfigured mapper could hand out access nobody assigned.
 * This augmentor keeps only the roles Quarkus found that a well-shaped claim also names; it never
 * adds one.
 *
 * <p>The claims looked at are those of the token the roles came from. For the API that is the
 * bearer token, the principal. For the dashboard (authorization-code flow) the principal is the ID
 * token, but its roles come from the access token ({@code quarkus.oidc.dashboard.roles.source=
 * accesstoken}): Keycloak puts {@code realm_access} only there, so looking at the ID token alone
 * took every role away and a report viewer got 403 (KeycloakGatewayIT, through Keycloak's login
 * page). That access token has been verified by Quarkus before roles are taken from it.
 */
@ApplicationScoped
public class WellShapedRoles implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> shaped = shapedRoles(jwt);
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access != null && access.getToken() != null && !access.getToken().equals(jwt.getRawToken())) {
            shaped.addAll(shapedRoles(access.getToken()));
        }
        if (shaped.containsAll(identity.getRoles())) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder kept = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .setAnonymous(false)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addPermissionChecker(identity::checkPermission);
        identity.getRoles().stream().filter(shaped::contains).forEach(kept::addRole);
        return Uni.createFrom().item(kept.build());
    }

    static Set<String> shapedRoles(JsonWebToken jwt) {
        Set<String> roles = new HashSet<>();
        Object groups = jwt.getClaim("groups");
        if (groups instanceof Set<?> names) { // smallrye-jwt returns a well-formed groups claim as strings
            names.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
        } else {
            strings(groups, roles);
        }
        if (jwt.getClaim("realm_access") instanceof JsonObject realm) {
            strings(realm.get("roles"), roles);
        }
        return roles;
    }

    /** As {@link #shapedRoles(JsonWebToken)}, for a JWT's raw text (the code flow's access token). */
    static Set<String> shapedRoles(String rawJwt) {
        Set<String> roles = new HashSet<>();
        String[] parts = rawJwt.split("\\.");
        if (parts.length != 3) {
            return roles; // not a JWT: Quarkus took no roles from it either
        }
        JsonValue payload;
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            payload = reader.readValue();
        } catch (RuntimeException unreadable) {
            return roles;
        }
        if (payload instanceof JsonObject claims) {
            strings(claims.get("groups"), roles);
            if (claims.get("realm_access") instanceof JsonObject realm) {
                strings(realm.get("roles"), roles);
            }
        }
        return roles;
    }

    private static void strings(Object value, Set<String> into) {
        if (value instanceof JsonArray list) {
            for (JsonValue v : list) {
                if (v instanceof JsonString s) {
                    into.add(s.getString());
                }
            }
        }
    }
}
