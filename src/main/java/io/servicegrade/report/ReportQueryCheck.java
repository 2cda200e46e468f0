package io.servicegrade.report;

import io.servicegrade.platform.security.ReportSessionStore;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Refuses a report page whose query has a control character (a NUL, say) or a broken escape with a 400 page that
 * names the parameter, before anything is looked up: no parameter of these pages takes one, and the database
 * would refuse a NUL with a server error.
 */
public class ReportQueryCheck {

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/") && !path.equals(ReportSessionStore.PATH) && !path.startsWith(ReportSessionStore.PATH + "/")) {
            return null;
        }
        ReportLanguage language = ReportLanguage.of(null, request.getHeaderString("Accept-Language"));
        MultivaluedMap<String, String> query;
        try {
            query = request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException e) {
            return ReportResource.refusal(language, 400, path, m -> m.badCharacters("?"));
        }
        List<String> langs = query.get("lang");
        if (langs != null && !langs.isEmpty()) {
            language = ReportLanguage.of(langs.get(0), request.getHeaderString("Accept-Language"));
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            boolean bad = ReportResource.hasControl(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(ReportResource::hasControl);
            if (bad) {
                String name = parameter.getKey().replaceAll("\\p{Cntrl}", "?");
                return ReportResource.refusal(language, 400, path, m -> m.badCharacters(name));
            }
        }
        return null;
    }
}
