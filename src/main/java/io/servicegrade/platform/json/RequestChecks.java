package io.servicegrade.platform.json;

import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemDocument;
import io.servicegrade.platform.problem.ProblemRenderer;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every API request is checked for before its resource runs: the {@code Content-Length} of its body
 * against the method's {@link BodyLimit} (413 before a byte is read), and its path and query parameters
 * against {@link InputRules} (no control characters: a code, a filter or a cursor is one line). A bad
 * parameter is named by its pointer, {@code /name}.
 */
public class RequestChecks {

    @Inject
    RequestBodies bodies;

    @Inject
    ProblemRenderer renderer;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100, nonBlocking = true)
    public Response check(ContainerRequestContext request, SimpleResourceInfo resource) {
        BodyLimit limit = bodyLimit(resource);
        if (limit != null) {
            long max = bodies.limit(limit.value());
            String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, max)) {
                // answered at once, and the connection closed: its unread body is not worth reading
                return Response.status(413).type(ProblemDocument.MEDIA_TYPE)
                        .header("Connection", "close")
                        .entity(renderer.render(RequestBodies.tooLarge(max),
                                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE),
                                request.getUriInfo().getPath()))
                        .build();
            }
        }
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        List<Violation> problems = new ArrayList<>();
        check(request.getUriInfo().getPathParameters(), problems);
        check(request.getUriInfo().getQueryParameters(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return null;
    }

    private static void check(MultivaluedMap<String, String> parameters, List<Violation> problems) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            Message problem = InputRules.textProblem(name, InputRules.Text.LINE);
            for (String value : parameter.getValue()) {
                if (problem == null && value != null) {
                    problem = InputRules.textProblem(value, InputRules.Text.LINE);
                }
            }
            if (problem != null) {
                String shown = InputRules.firstBadCharacter(name, InputRules.Text.LINE) < 0 ? name
                        : name.replaceAll("\\p{Cc}", "?");
                problems.add(QueryParameters.problem(shown, problem));
            }
        }
    }

    private static boolean isOver(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static BodyLimit bodyLimit(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return null;
        }
        for (Method method : resource.getResourceClass().getMethods()) {
            if (method.getName().equals(resource.getMethodName())
                    && method.getParameterCount() == resource.parameterTypes().length
                    && method.isAnnotationPresent(BodyLimit.class)) {
                return method.getAnnotation(BodyLimit.class);
            }
        }
        return null;
    }
}
