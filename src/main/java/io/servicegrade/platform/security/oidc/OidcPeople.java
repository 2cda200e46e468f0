package io.servicegrade.platform.security.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.servicegrade.account.AccountService;
import io.servicegrade.account.Role;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.security.ApiKeyService;
import io.servicegrade.platform.security.PasswordHasher;
import io.servicegrade.platform.security.IdentityCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Single sign-on (issue 16): a bearer token the organisation's identity provider signed becomes the key row of a
 * person's account. quarkus-oidc verifies the token (signature by the provider's JWKS, issuer, audience, expiry);
 * this reads the person from its claims ({@link OidcPerson}) and finds or makes their account
 * ({@link AccountService#accountOf}, which owns accounts) and its single sign-on key row
 * ({@link ApiKeyService#signOnKeyOf}, which owns key rows). Off unless {@code quarkus.oidc.auth-server-url} is set:
 * then nothing here is called and no provider is asked for anything. Our own keys and tokens never look like a JWT,
 * so the two never meet.
 */
@ApplicationScoped
public class OidcPeople {

    private static final Logger LOG = Logger.getLogger(OidcPeople.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A compact JWS: three base64url parts; our keys ({@code sg_…}, {@code sgp_…}) have no dot. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** People whose key row is known, by what their claims said: a token seen again costs no write. */
    private static final int REMEMBERED = 10_000;

    @Inject
    TenantIdentityProvider identities;

    @Inject
    AccountService accounts;

    @Inject
    ApiKeyService keys;

    @Inject
    PasswordHasher hasher;

    @Inject
    ServiceGradeConfig config;

    private final boolean enabled = configured();
    private final Set<String> loggedRoles = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> known = new ConcurrentHashMap<>();
    private volatile String unusablePassword;

    /** Whether a provider is configured ({@code quarkus.oidc.auth-server-url}, its tenant not disabled). */
    public static boolean configured() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .filter(url -> !url.isBlank()).isPresent()
                && ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class)
                        .orElse(true);
    }

    /**
     * An administrator linked an account to a subject or unlinked one: which key row a person's claims lead to may
     * have changed, so every remembered person is looked up again: at once on this instance, and on every other one
     * when the database announces the account's change (V66, the channel {@link IdentityCache#CHANNEL}; the
     * announcement is also heard here, harmlessly).
     */
    void onLinksChanged(@jakarta.enterprise.event.Observes AccountService.SubjectLinksChanged changed) {
        known.clear();
    }

    void listen(@jakarta.enterprise.event.Observes @jakarta.annotation.Priority(50) io.quarkus.runtime.StartupEvent
            event) {
        notifications.listen(IdentityCache.CHANNEL, payload -> known.clear(), known::clear);
    }

    @Inject
    io.servicegrade.platform.database.Notifications notifications;

    /** Whether single sign-on is configured. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether {@code credential} has the shape of a JWT (anything else is one of our keys or tokens). */
    public static boolean looksLikeJwt(String credential) {
        return credential != null && credential.length() < 16_384 && JWT.matcher(credential).matches();
    }

    /**
     * The key row of the person the token stands for, or null when single sign-on is off, the provider's checks
     * refuse the token (signature, issuer, audience, expiry), or it finds no account. Start on the event loop.
     */
    public Uni<Long> keyIdOf(String token) {
        if (!enabled || !looksLikeJwt(token)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new AccessTokenCredential(token))
                .map(identity -> claims(token))
                .onFailure().invoke(failure -> LOG.debugf("a bearer token was refused: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .flatMap(claims -> claims == null ? Uni.createFrom().nullItem() : keyIdOf(claims));
    }

    private Uni<Long> keyIdOf(JsonNode claims) {
        ServiceGradeConfig.Oidc settings = config.oidc();
        OidcPerson person = OidcPerson.of(claims, settings.rolesClaim(), settings.scopeClaim(),
                role -> Role.of(role).isPresent());
        if (person == null) {
            return Uni.createFrom().nullItem();
        }
        person.unknownRoles().stream().filter(loggedRoles::add).forEach(role -> LOG.infof(
                "single sign-on: the role '%s' in claim '%s' is no role here; it is ignored", role,
                settings.rolesClaim()));
        String remembered = person.toString();
        Long id = known.get(remembered);
        if (id != null) {
            return Uni.createFrom().item(id);
        }
        return unusablePassword().flatMap(password -> accounts.accountOf(person, new AccountService.Linking(
                settings.linkBy() == ServiceGradeConfig.Oidc.LinkBy.EMAIL, settings.justInTime(), password)))
                .flatMap(account -> account == null ? Uni.createFrom().<Long>nullItem() : keys.signOnKeyOf(account))
                .invoke(found -> {
                    if (found != null) {
                        if (known.size() >= REMEMBERED) {
                            known.clear();
                        }
                        known.put(remembered, found);
                    }
                });
    }

    /**
     * The password hash of an account made just in time: of a random password no one is told, so such an
     * account signs in only through the provider (until an administrator sets a password).
     */
    private Uni<String> unusablePassword() {
        String hash = unusablePassword;
        if (hash != null) {
            return Uni.createFrom().item(hash);
        }
        return hasher.hash(PasswordHasher.newPassword()).invoke(made -> unusablePassword = made);
    }

    /**
     * When a token the provider's checks have passed expires (its {@code exp} claim), or null when it says not: how
     * long the caller it stands for may be kept in memory.
     */
    public static java.time.Instant expiresAt(String token) {
        JsonNode exp = claims(token).get("exp");
        return exp != null && exp.canConvertToLong() ? java.time.Instant.ofEpochSecond(exp.asLong()) : null;
    }

    /** The payload of a token the provider's checks have passed. */
    private static JsonNode claims(String token) {
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a verified token's payload is no JSON object", e);
        }
    }
}
