package io.servicegrade.platform.http;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST methods the server serves, read from the resources' own JAX-RS annotations (the CDI beans with a
 * {@code @Path}): one scan for everything that must agree with what is served, the {@code Allow} header of a 405
 * ({@link AllowedMethods}) and the facts {@code /q/openapi} adds to each operation
 * ({@code platform/openapi/ApiContract}).
 */
public final class RestRoutes {

    private RestRoutes() {
    }

    /**
     * One Java method serving {@code verb} at {@code template}: the resource's {@code @Path} and the method's
     * joined, with one leading slash, single slashes and no trailing one; parameters as written
     * ({@code {id: \d+}} keeps its regex).
     */
    public record RestMethod(Class<?> resource, Method method, String verb, String template) {
    }

    /** Every REST method of the application's resources. Needs CDI: call it once the application has started. */
    public static List<RestMethod> scan() {
        List<Class<?>> types = new ArrayList<>();
        for (Bean<?> bean : CDI.current().getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            types.add(bean.getBeanClass());
        }
        return scan(types);
    }

    /**
     * Every REST method of these classes (those without a {@code @Path} of their own are skipped); for the build,
     * where the resources come from the class index rather than CDI.
     */
    public static List<RestMethod> scan(Iterable<Class<?>> types) {
        List<RestMethod> found = new ArrayList<>();
        for (Class<?> type : types) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                found.add(new RestMethod(type, method, verb,
                        normalized(root.value() + "/" + (sub == null ? "" : sub.value()))));
            }
        }
        return found;
    }

    /** The HTTP method a Java method serves ({@code @GET}, {@code @PATCH}, any {@code @HttpMethod}), or null. */
    public static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code a//b/} as {@code /a/b}. */
    static String normalized(String template) {
        String path = ("/" + template).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
