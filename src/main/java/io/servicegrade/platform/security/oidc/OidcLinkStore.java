package io.servicegrade.platform.security.oidc;

import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.database.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The owner of the single sign-on columns of {@code account} ({@code oidc_subject}, {@code oidc_claims}, V63), of
 * the accounts made just in time for people signed in by the provider, and of each such account's one non-secret
 * {@code api_key} row, which names the person wherever what they did is recorded. Reads take one pooled connection
 * at a time; writes go through {@link Transactions}, one transaction each.
 */
@ApplicationScoped
public class OidcLinkStore {

    /** The prefix of an account's single sign-on key row; no key or token has it (theirs start {@code sg}). */
    public static final String KEY_PREFIX = "oidc";

    private static final String LINKED = """
            SELECT id, oidc_claims, roles, scope_unit_ids, display_name FROM account WHERE oidc_subject = $1""";
    private static final String LINK_BY_LOGIN = """
            UPDATE account SET oidc_subject = $1, updated_at = $3
            WHERE login = $2 AND oidc_subject IS NULL AND NOT oidc_claims
            RETURNING id""";
    private static final String UNIT_IDS = "SELECT id FROM unit WHERE code = ANY($1) ORDER BY id";
    private static final String INSERT_ACCOUNT = """
            INSERT INTO account (login, display_name, password_hash, roles, scope_unit_ids, created_at, updated_at,
                                 oidc_subject, oidc_claims)
            VALUES ($1, $2, $3, $4, $5, $6, $6, $7, true)
            ON CONFLICT DO NOTHING""";
    private static final String SYNC_ACCOUNT = """
            UPDATE account SET display_name = $2, roles = $3, scope_unit_ids = $4, updated_at = $5
            WHERE id = $1 AND oidc_claims""";
    private static final String KEY_OF = "SELECT id FROM api_key WHERE hash = $1";
    private static final String INSERT_KEY = """
            INSERT INTO api_key (name, prefix, hash, created_at, account_id, expires_at)
            VALUES ('single sign-on', 'oidc', $1, $2, $3, $4)
            ON CONFLICT DO NOTHING""";

    /** The role an account made just in time has when the claims name no known role: it grants no powers. */
    static final String NO_ROLE = "viewer";

    @Inject
    Pool pool;

    @Inject
    Transactions transactions;

    /** How a token finds its account. */
    public record Linking(boolean byEmail, boolean justInTime, String passwordHash) {
    }

    /**
     * The id of the key row that stands for {@code person}: of the local account linked to the subject; else, when
     * linking by e-mail, of the account whose login is the verified e-mail (linked now); else, just in time, of an
     * account made for the person from the claims. Null when there is none to be had. An account made just in time
     * has its roles, scope and name written again whenever the claims differ.
     */
    public Uni<Long> keyIdFor(OidcPerson person, Linking linking) {
        return unitIds(person.unitCodes()).flatMap(scope -> pool.preparedQuery(LINKED)
                .execute(Tuple.of(person.subject())).flatMap(rows -> {
                    Row linked = first(rows);
                    if (linked != null) {
                        long account = linked.getLong("id");
                        return (linked.getBoolean("oidc_claims") ? synced(linked, person, scope)
                                : Uni.createFrom().voidItem()).flatMap(done -> keyOf(account));
                    }
                    Uni<Long> byEmail = linking.byEmail() && person.emailVerified() && person.email() != null
                            ? transactions.write(c -> c.preparedQuery(LINK_BY_LOGIN).execute(Tuple.of(
                                    person.subject(), person.email().toLowerCase(Locale.ROOT), now())))
                                    .map(OidcLinkStore::firstId)
                            : Uni.createFrom().nullItem();
                    return byEmail.flatMap(account -> {
                        if (account != null) {
                            return keyOf(account);
                        }
                        if (!linking.justInTime()) {
                            return Uni.createFrom().nullItem();
                        }
                        return madeJustInTime(person, scope, linking.passwordHash()).flatMap(this::keyOf);
                    });
                }));
    }

    /** The login of an account made just in time: {@code oidc-} and a digest of the subject. */
    static String loginOf(String subject) {
        return "oidc-" + Sha256.hex("oidc-subject:" + subject).substring(0, 16);
    }

    private Uni<List<Long>> unitIds(List<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(UNIT_IDS).execute(Tuple.of(codes.toArray(String[]::new))).map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getLong("id")));
            return ids;
        });
    }

    private Uni<Void> synced(Row linked, OidcPerson person, List<Long> scope) {
        String[] roles = roles(person);
        Long[] ids = scope.toArray(Long[]::new);
        boolean same = Arrays.equals(linked.getArrayOfStrings("roles"), roles)
                && Arrays.equals(linked.getArrayOfLongs("scope_unit_ids"), ids)
                && person.displayName().equals(linked.getString("display_name"));
        if (same) {
            return Uni.createFrom().voidItem();
        }
        return transactions.write(c -> c.preparedQuery(SYNC_ACCOUNT).execute(Tuple.of(linked.getLong("id"),
                person.displayName(), roles, ids, now()))).replaceWithVoid();
    }

    private Uni<Long> madeJustInTime(OidcPerson person, List<Long> scope, String passwordHash) {
        Tuple values = Tuple.tuple(List.of(loginOf(person.subject()), person.displayName(), passwordHash,
                roles(person), scope.toArray(Long[]::new), now(), person.subject()));
        // two first requests of one person at once: the second insert does nothing and both find the one row
        return transactions.write(c -> c.preparedQuery(INSERT_ACCOUNT).execute(values)
                .flatMap(inserted -> c.preparedQuery(LINKED).execute(Tuple.of(person.subject())))
                .map(OidcLinkStore::firstId));
    }

    /** The account's single sign-on key row, made the first time. */
    private Uni<Long> keyOf(Long account) {
        if (account == null) {
            return Uni.createFrom().nullItem();
        }
        String hash = keyHash(account);
        return pool.preparedQuery(KEY_OF).execute(Tuple.of(hash)).flatMap(rows -> {
            Long id = firstId(rows);
            if (id != null) {
                return Uni.createFrom().item(id);
            }
            OffsetDateTime now = now();
            return transactions.write((SqlConnection c) -> c.preparedQuery(INSERT_KEY)
                    .execute(Tuple.of(hash, now, account, now.plusYears(100)))
                    .flatMap(inserted -> c.preparedQuery(KEY_OF).execute(Tuple.of(hash)))
                    .map(OidcLinkStore::firstId));
        });
    }

    /** Not the SHA-256 of anything: no presented key can match it. */
    static String keyHash(long account) {
        return KEY_PREFIX + ":" + account;
    }

    private static String[] roles(OidcPerson person) {
        return person.roles().isEmpty() ? new String[] {NO_ROLE} : person.roles().toArray(String[]::new);
    }

    private static Row first(RowSet<Row> rows) {
        var found = rows.iterator();
        return found.hasNext() ? found.next() : null;
    }

    private static Long firstId(RowSet<Row> rows) {
        Row row = first(rows);
        return row == null ? null : row.getLong("id");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
