package vn.gov.dancu.gateway.contract;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The HTTP operations the JAX-RS resources of {@code vn.gov.dancu.gateway.api} declare, found by
 * reflection over the compiled classes in {@code target/classes}, as {@code "POST /api/v1/prefill/{procedure}"}.
 */
final class ResourceMethods {

    static final String PACKAGE = "vn.gov.dancu.gateway.api";

    private ResourceMethods() {
    }

    static Set<String> declared() {
        java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
        java.nio.file.Path dir = root.resolve(PACKAGE.replace('.', '/'));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No compiled classes in " + dir.toAbsolutePath());
        }
        Set<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(ResourceMethods::load)
                    .filter(c -> c.isAnnotationPresent(Path.class))
                    .forEach(c -> operations.addAll(operationsOf(c)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The vendors' contract is /api/ (as Contract.apiOperations); the dashboard's pages under
        // /dashboard are for browsers behind the login, not part of it (issue 9).
        operations.removeIf(op -> !op.substring(op.indexOf(' ') + 1).startsWith("/api/"));
        if (operations.isEmpty()) {
            throw new IllegalStateException("No @Path resource found in " + dir.toAbsolutePath());
        }
        return operations;
    }

    private static Set<String> operationsOf(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        Set<String> operations = new TreeSet<>();
        for (Method method : resource.getMethods()) {
            for (Annotation a : method.getAnnotations()) {
                HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                if (http != null) {
                    Path sub = method.getAnnotation(Path.class);
                    operations.add(http.value() + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        return operations;
    }

    /** Joins JAX-RS path fragments and drops template regexes: {@code {id: \\d+}} → {@code {id}}. */
    static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load " + name, e);
        }
    }
}
