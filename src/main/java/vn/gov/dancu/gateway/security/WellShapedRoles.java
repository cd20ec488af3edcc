package vn.gov.dancu.gateway.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 */
@ApplicationScoped
public class WellShapedRoles implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> shaped = shapedRoles(jwt);
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
