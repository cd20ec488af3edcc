package vn.gov.dancu.gateway.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The contract's one request media type, held exactly (openapi.yaml: 415 otherwise): a body is
 * {@code application/json}, optionally with {@code charset=utf-8}. JAX-RS matching alone lets
 * through a missing Content-Type, wildcards ({@code *}{@code /*}, {@code application/*}) and other
 * charsets, and Jackson would then guess the encoding (UTF-16 is read as happily as UTF-8): two
 * parties reading the same bytes could see two different requests. Runs after authentication, so
 * an anonymous caller learns nothing but 401.
 */
public class JsonBodies {

    @ServerRequestFilter
    public void requireJson(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || !consumesJson(resource)) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || type.isWildcardType() || type.isWildcardSubtype()
                || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type) || !utf8(type)) {
            throw new NotSupportedException();
        }
    }

    private static boolean consumesJson(ResourceInfo resource) {
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.stream(consumes.value())
                .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_JSON));
    }

    /** RFC 8259 §8.1: JSON exchanged between systems is UTF-8; a charset parameter may only say so. */
    private static boolean utf8(MediaType type) {
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset == null || StandardCharsets.UTF_8.name().equalsIgnoreCase(charset.trim());
    }
}
