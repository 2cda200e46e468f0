package io.servicegrade.report;

import io.quarkus.qute.TemplateGlobal;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.oidc.OidcPeople;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The report pages' sign-in with the organisation's identity provider (issue 16: single sign-on): where it lives,
 * the provider's name the sign-in page shows on its link (none when single sign-on is off), and, when it is off,
 * a 404 for its route before any sign-in is attempted.
 */
public class SsoSignIn {

    /** The route that starts and ends the provider's authorization-code flow ({@code quarkus.oidc.authentication.redirect-path}). */
    public static final String PATH = "/reports/sign-in/sso";
    /** The session cookie quarkus-oidc keeps for the flow; cleared once the report session is open. */
    static final String PROVIDER_COOKIE = "q_session";

    private static final boolean ENABLED = OidcPeople.configured();

    /** The provider's name for the sign-in page's link, or null when single sign-on is off. */
    @TemplateGlobal(name = "ssoProvider")
    static String ssoProvider() {
        return ENABLED ? ConfigProvider.getConfig().getOptionalValue("servicegrade.oidc.provider-name", String.class)
                .orElse("SSO") : null;
    }

    /** With single sign-on off, its route is not found (before quarkus-security would ask for a sign-in). */
    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public Uni<Void> offWithoutProvider(ContainerRequestContext request) {
        if (!ENABLED && request.getUriInfo().getPath().startsWith(PATH)) {
            String path = request.getUriInfo().getPath();
            return Uni.createFrom().failure(ProblemException.notFound(m -> m.noSuchPath(path)));
        }
        return Uni.createFrom().voidItem();
    }
}
