package vn.gov.dancu.gateway.api;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods each resource path supports, for the {@code Allow} header that RFC 9110 requires
 * on a 405 (Quarkus REST answers 405 without one). Read once from the JAX-RS annotations of the
 * resource classes, so a new resource is covered without being listed anywhere.
 */
final class AllowedMethods {

    private record Route(Pattern path, Set<String> methods) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    /** The comma-separated methods {@code path} supports, when a resource serves it. */
    static Optional<String> at(String path) {
        Set<String> allowed = new TreeSet<>();
        String normalised = normalise(path);
        for (Route route : routes()) {
            if (route.path().matcher(normalised).matches()) {
                allowed.addAll(route.methods());
            }
        }
        return allowed.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", allowed));
    }

    private static List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            r = scan();
            routes = r;
        }
        return r;
    }

    /** Quarkus REST resources are CDI beans, so the bean manager lists every one. */
    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            Map<String, Set<String>> byPath = new LinkedHashMap<>();
            for (Method m : type.getMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path methodPath = m.getAnnotation(Path.class);
                String template = classPath.value() + "/" + (methodPath == null ? "" : methodPath.value());
                Set<String> verbs = byPath.computeIfAbsent(template, k -> new TreeSet<>());
                verbs.add(verb);
                if (HttpMethod.GET.equals(verb)) {
                    verbs.add(HttpMethod.HEAD); // JAX-RS answers HEAD wherever GET is served
                }
            }
            byPath.forEach((template, verbs) -> found.add(new Route(toPattern(template), Set.copyOf(verbs))));
        }
        return List.copyOf(found);
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code /api/v1/prefill/{procedure}} → {@code /api/v1/prefill/[^/]+}; literal parts quoted. */
    static Pattern toPattern(String template) {
        String t = normalise(template);
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAM.matcher(t);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(t.substring(last, m.start())));
            regex.append(m.group(1) == null ? "[^/]+" : "(?:" + m.group(1).trim() + ")");
            last = m.end();
        }
        regex.append(Pattern.quote(t.substring(last)));
        return Pattern.compile(regex.toString());
    }

    private static String normalise(String path) {
        String p = ("/" + path).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
