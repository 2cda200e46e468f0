package io.servicegrade.platform.http;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods a path is served with, for the {@code Allow} header of a 405 (Quarkus REST answers a wrong method
 * without one). Read once from the REST resources' own annotations ({@link RestRoutes}), so it cannot drift from
 * what is served.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");

    private record Route(Pattern path, String method) {
    }

    private volatile List<Route> routes;

    /** The methods {@code path} is served with (with HEAD and OPTIONS, which Quarkus REST answers for them). */
    public Set<String> at(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (RestRoutes.RestMethod method : RestRoutes.scan()) {
            found.add(new Route(template(method.template()), method.verb()));
        }
        return found;
    }

    /** A JAX-RS path template as a pattern: {@code {id}} is one segment, {@code {id: regex}} its regex. */
    static Pattern template(String template) {
        String path = RestRoutes.normalized(template);
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(at, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).trim()).append(')');
            at = parameter.end();
        }
        regex.append(Pattern.quote(path.substring(at))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
