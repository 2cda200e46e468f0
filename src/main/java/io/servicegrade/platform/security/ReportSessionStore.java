package io.servicegrade.platform.security;

import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The sign-in sessions of the report pages, and the one owner of the {@code report_session} table. The cookie
 * carries a random id (32 bytes from {@link SecureRandom}); the table keeps only its SHA-256, so a copy of the
 * database signs no one in. A session stands for a principal: the API key typed on the sign-in page, or a person's
 * account signed in with login and password (issue 16). It ends at the first of: its absolute lifetime, its idle
 * lifetime, sign-out (the row is deleted), its key being revoked or rotated away, or its account being disabled
 * (both are looked up live on every request, see {@link CallerResolver#fromSession}); a password reset or
 * disabling deletes the account's sessions ({@link #DELETE_OF_ACCOUNT}).
 * Writes go through {@link Transactions}, one transaction each; reads take one pooled connection at a time.
 */
@ApplicationScoped
public class ReportSessionStore {

    /** The session cookie of the report pages. */
    public static final String COOKIE = "sg_report_session";
    /** The sign-in form's own cookie: its CSRF token, before there is a session (double submit). */
    public static final String FORM_COOKIE = "sg_report_form";
    /** The cookie that once carried the raw API key (Path=/); cleared wherever it is still sent. */
    public static final String LEGACY_COOKIE = "sg_report_key";
    /** Where the cookies are sent: only the report pages. */
    public static final String PATH = "/reports";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** A session's last use is written at most this often, so reading pages is not a write per page. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final String INSERT = """
            INSERT INTO report_session (token_hash, principal_kind, api_key_id, created_at, last_seen_at, expires_at)
            VALUES ($1, 'api_key', $2, $3, $3, $4)""";
    /** Sessions past either end are dropped whenever someone signs in; nothing else reads them. */
    private static final String PURGE = """
            DELETE FROM report_session WHERE expires_at <= $1 OR last_seen_at <= $2""";
    /** A session of a person's account (issue 16: signed in with login and password). */
    private static final String INSERT_ACCOUNT = """
            INSERT INTO report_session (token_hash, principal_kind, account_id, created_at, last_seen_at, expires_at)
            VALUES ($1, 'account', $2, $3, $3, $4)""";
    /**
     * Ends every session of an account (its password reset, or it disabled). Run by {@code AccountService} in the
     * transaction that makes the change, as a native query of its Hibernate session ({@code :account}).
     */
    public static final String DELETE_OF_ACCOUNT = "DELETE FROM report_session WHERE account_id = :account";
    private static final String FIND = """
            SELECT api_key_id, account_id, last_seen_at FROM report_session
            WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3""";
    private static final String TOUCH = """
            UPDATE report_session SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2""";
    private static final String DELETE = "DELETE FROM report_session WHERE token_hash = $1";

    @Inject
    Pool pool;

    @Inject
    Transactions transactions;

    @Inject
    ServiceGradeConfig config;

    /** A session just opened: the token goes into the cookie and nowhere else. */
    public record Opened(String token, Duration lifetime) {
    }

    /** Whom a session stands for: an API key, or a person's account (exactly one is set). */
    public record Principal(Long keyId, Long accountId) {
    }

    /** A new random token, for a session or a sign-in form: 32 bytes, base64url without padding (43 chars). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} has the shape of one this server makes (anything else is not looked up). */
    public static boolean wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /**
     * The CSRF token of the forms shown within a session: derived one way from its id, so it needs no storage, ends
     * with the session, and tells nothing of the id itself.
     */
    public static String csrfToken(String sessionToken) {
        return Sha256.hex("report-csrf:" + sessionToken);
    }

    /** Whether two tokens are equal, in time that does not depend on where they differ. */
    public static boolean same(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a session for the caller's key; drops expired sessions in the same transaction. */
    public Uni<Opened> open(Caller caller) {
        return open(INSERT, caller.keyId());
    }

    /** Opens a session for a person's account, signed in with login and password (issue 16). */
    public Uni<Opened> openForAccount(long accountId) {
        return open(INSERT_ACCOUNT, accountId);
    }

    private Uni<Opened> open(String insert, long principal) {
        String token = newToken();
        OffsetDateTime now = now();
        Duration lifetime = config.reports().sessionLifetime();
        return transactions.write(connection -> connection.preparedQuery(PURGE)
                .execute(Tuple.of(now, now.minus(config.reports().sessionIdle())))
                .flatMap(purged -> connection.preparedQuery(insert)
                        .execute(Tuple.of(Sha256.hex(token), principal, now, now.plus(lifetime)))))
                .replaceWith(new Opened(token, lifetime));
    }

    /**
     * Whom the session stands for (an API key or an account), or null when the token is unknown, signed out or past
     * either of its lifetimes. Notes the use (at most once a {@link #TOUCH_EVERY}), which keeps the session from
     * idling out.
     */
    public Uni<Principal> principalOf(String token) {
        if (!wellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        String hash = Sha256.hex(token);
        OffsetDateTime now = now();
        return pool.preparedQuery(FIND).execute(Tuple.of(hash, now, now.minus(config.reports().sessionIdle())))
                .flatMap(rows -> {
                    RowIterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = found.next();
                    Principal principal = new Principal(row.getLong("api_key_id"), row.getLong("account_id"));
                    if (row.getOffsetDateTime("last_seen_at").isAfter(now.minus(TOUCH_EVERY))) {
                        return Uni.createFrom().item(principal);
                    }
                    // a busy server may refuse the note of use; the page is still served
                    return transactions.write(connection -> connection.preparedQuery(TOUCH)
                            .execute(Tuple.of(hash, now))).onFailure().recoverWithNull().replaceWith(principal);
                });
    }

    /** Ends a session (signing out); a token that names none ends nothing. */
    public Uni<Void> close(String token) {
        if (!wellFormed(token)) {
            return Uni.createFrom().voidItem();
        }
        return transactions.write(connection -> connection.preparedQuery(DELETE).execute(Tuple.of(Sha256.hex(token))))
                .replaceWithVoid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
