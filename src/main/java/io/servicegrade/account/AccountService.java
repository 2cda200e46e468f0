package io.servicegrade.account;

import io.servicegrade.platform.audit.AuditActions;
import io.servicegrade.platform.audit.AuditEvent;
import io.servicegrade.platform.audit.AuditIntent;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.audit.Audited;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.UniqueViolation;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.ApiKey;
import io.servicegrade.platform.security.ApiKeyService;
import io.servicegrade.platform.security.PasswordHasher;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.platform.security.oidc.OidcPerson;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * People's accounts (issue 16): creating and changing them, signing in for a personal access token, and the
 * lock-out after failed sign-ins. The one owner of the {@code account} and {@code sign_in_failure} tables, through
 * Hibernate Reactive; tokens are API keys of the account, made by {@link ApiKeyService}. A password is hashed by
 * {@link PasswordHasher} between transactions, never while a connection is held.
 */
@ApplicationScoped
public class AccountService {

    /** The unique constraint on {@code account.login} (V9). */
    private static final String LOGIN_CONSTRAINT = "account_login_key";

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    PasswordHasher hasher;

    @Inject
    ApiKeyService keys;

    @Inject
    io.servicegrade.platform.security.IdentityCache identities;

    @Inject
    UnitRepository units;

    @Inject
    ServiceGradeConfig config;

    /** An account with the codes of its scope's units, as the API shows it. */
    public record Shown(Account account, List<String> scope, String agency) {

        /** Issue 16: {@code agency}, the code of the agency an agency account acts as (null: none). */
        public Shown(Account account, List<String> scope) {
            this(account, scope, null);
        }

    }

    /** An account just made or given a new password: the password travels only in this, when generated. */
    public record WithPassword(Shown account, String generatedPassword) {
    }

    /** A token just made: its secret travels only in this. */
    public record SignedIn(ApiKey token, String secret) {
    }

    @WithSession
    public Uni<Long> count() {
        return Account.count();
    }

    /** Makes an account; a refusal (a bad field, a login taken, an unknown unit) stores nothing. */
    public Uni<WithPassword> create(AccountInput.NewAccount draft) {
        String password = draft.password() != null ? draft.password() : PasswordHasher.newPassword();
        return scopeIds(draft.scope()).flatMap(ids -> agencyLink(true, draft.agency(), draft.sources())
                .map(agency -> new Object[] {ids, agency})).flatMap(resolved -> {
            @SuppressWarnings("unchecked")
            List<Long> ids = (List<Long>) resolved[0];
            Long agencyId = ((java.util.Optional<Long>) resolved[1]).orElse(null);
            return hasher.hash(password).flatMap(hash -> {
            OffsetDateTime now = now();
            Account account = new Account();
            account.login = draft.login();
            account.displayName = draft.displayName();
            account.passwordHash = hash;
            account.roles = draft.roles().stream().map(Role::key).toArray(String[]::new);
            account.scopeUnitIds = ids.toArray(Long[]::new);
            account.agencyId = agencyId;
            account.sources = draft.sources() == null ? null : draft.sources().toArray(String[]::new);
            account.oidcSubject = draft.oidcSubject();
            account.createdAt = now;
            account.updatedAt = now;
            // the audit row names the account made: its login, given in the body (issue 16)
            return AuditIntents.named(draft.login()).chain(() -> Audited.withTransaction(() -> Account.count(
                    "login", draft.login()).flatMap(taken -> taken > 0
                    ? Uni.createFrom().<Account>failure(loginTaken(draft.login()))
                    : subjectFree(draft.oidcSubject(), null).flatMap(free -> account.<Account>persistAndFlush()))))
                    .onFailure(failure -> UniqueViolation.of(failure, LOGIN_CONSTRAINT))
                    .transform(failure -> loginTaken(draft.login()))
                    .onFailure(failure -> UniqueViolation.of(failure, SUBJECT_CONSTRAINT))
                    .transform(failure -> subjectTaken());
            });
        }).flatMap(this::shown).map(shown -> new WithPassword(shown,
                draft.password() == null ? password : null));
    }

    /** Which of {@code logins} (normal form) are accounts' already. */
    public Uni<Set<String>> takenLogins(List<String> logins) {
        return Panache.withSession(() -> Account.<Account>list("login in ?1", logins))
                .map(found -> found.stream().map(a -> a.login).collect(java.util.stream.Collectors.toSet()));
    }

    /** Which of {@code subjects} are linked to accounts already (issue 16: single sign-on). */
    public Uni<Set<String>> takenSubjects(List<String> subjects) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.withSession(() -> Account.<Account>list("oidcSubject in ?1", subjects))
                .map(found -> found.stream().map(a -> a.oidcSubject).collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * Makes the accounts of an import in one transaction, all or none: their hashes and scopes' unit ids already
     * worked out, in the same order. A login taken meanwhile fails the whole with a 422 at its row.
     */
    public Uni<Integer> createAll(List<AccountInput.NewAccount> drafts, List<String> hashes, List<List<Long>> scopes,
            List<Long> agencies) {
        return createAll(drafts, hashes, scopes, agencies, null);
    }

    /**
     * As {@link #createAll(List, List, List, List)}; the same transaction marks the import job {@code importId}
     * succeeded ({@code account_import}, its owner's statement) and fails if the job is no longer running, so that
     * the accounts and the job's end are never apart.
     */
    public Uni<Integer> createAll(List<AccountInput.NewAccount> drafts, List<String> hashes, List<List<Long>> scopes,
            List<Long> agencies, Long importId) {
        OffsetDateTime now = now();
        List<Account> made = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            AccountInput.NewAccount draft = drafts.get(i);
            Account account = new Account();
            account.login = draft.login();
            account.displayName = draft.displayName();
            account.passwordHash = hashes.get(i);
            account.roles = draft.roles().stream().map(Role::key).toArray(String[]::new);
            account.scopeUnitIds = scopes.get(i).toArray(Long[]::new);
            account.agencyId = agencies.get(i);
            account.sources = draft.sources() == null ? null : draft.sources().toArray(String[]::new);
            account.oidcSubject = draft.oidcSubject();
            account.createdAt = now;
            account.updatedAt = now;
            made.add(account);
        }
        return AuditIntents.named(AuditIntents.batch(made.size())).chain(() -> Audited.withTransaction(
                () -> Account.persist(made).flatMap(v -> Panache.flush())
                .flatMap(v -> importId == null ? Uni.createFrom().item(1) : Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(AccountImportRepository.SUCCEEDED)
                                .setParameter("created", made.size()).setParameter("id", importId).executeUpdate()))
                .invoke(updated -> {
                    if (updated == 0) {
                        throw new IllegalStateException("Account import " + importId + " is no longer running");
                    }
                })))
                .replaceWith(made.size())
                .onFailure(failure -> UniqueViolation.of(failure, LOGIN_CONSTRAINT))
                .transform(failure -> ProblemException.invalid(List.of(Violation.at("/login",
                        m -> m.loginTaken(String.join(", ", drafts.stream().map(AccountInput.NewAccount::login)
                                .limit(3).toList()))))))
                .onFailure(failure -> UniqueViolation.of(failure, SUBJECT_CONSTRAINT))
                .transform(failure -> subjectTaken());
    }

    /** The ids of the agencies of these codes (an unknown code is left out); one query, none for no code. */
    public Uni<Map<String, Long>> agencyIds(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> io.servicegrade.agency.Agency.<io.servicegrade.agency.Agency>list(
                "code in ?1", codes)).map(found -> {
                    Map<String, Long> ids = new HashMap<>();
                    found.forEach(agency -> ids.put(agency.code, agency.id));
                    return ids;
                });
    }

    /** Makes an account from a body as {@code POST /api/v1/admin/accounts} takes it (the admin page's form). */
    public Uni<WithPassword> create(com.fasterxml.jackson.databind.JsonNode body) {
        return Uni.createFrom().item(() -> AccountInput.newAccount(body)).flatMap(this::create);
    }

    /** The first administrator, made at start by {@link AccountBootstrap} (off any event loop: hashed here). */
    public Uni<Account> createFirstAdministrator(String login, String passwordHash) {
        OffsetDateTime now = now();
        Account account = new Account();
        account.login = login;
        account.displayName = login;
        account.passwordHash = passwordHash;
        account.roles = new String[] {Role.ADMINISTRATOR.key()};
        account.scopeUnitIds = new Long[0];
        account.createdAt = now;
        account.updatedAt = now;
        // an instance that loses the race to another starting at once is told there is one already
        return Audited.withTransaction(() -> Account.count().flatMap(existing -> existing > 0
                ? Uni.createFrom().<Account>nullItem() : account.<Account>persistAndFlush()))
                .onFailure(failure -> UniqueViolation.of(failure, LOGIN_CONSTRAINT)).recoverWithNull();
    }

    /** Every account, by login (the session is closed before the units are read: one connection at a time). */
    public Uni<List<Shown>> list() {
        return Panache.withSession(() -> Account.<Account>listAll(Sort.by("login"))).flatMap(this::shown);
    }

    /**
     * A page of accounts in login order after {@code afterLogin} (null: from the first), one more than asked for
     * when there is a next page (GraphQL's {@code accounts} connection).
     */
    public Uni<List<Shown>> page(int first, String afterLogin) {
        return Panache.withSession(() -> (afterLogin == null
                ? Account.<Account>find("order by login") : Account.<Account>find("login > ?1 order by login",
                        afterLogin)).page(0, first + 1).list()).flatMap(this::shown);
    }

    /** A token the account makes for itself while signed in (GraphQL createToken); its secret is in this only. */
    public Uni<SignedIn> createToken(long accountId, AccountInput.NewToken request) {
        OffsetDateTime expires = now().plusDays(request.days());
        return Audited.withTransaction(() -> keys.createToken(accountId, request.name(), expires))
                .map(issued -> new SignedIn(issued.key(), issued.secret()));
    }

    public Uni<Shown> get(String login) {
        return find(login).flatMap(this::shown);
    }

    /** The account of a token's caller (GET /me). */
    public Uni<Shown> byId(long id) {
        return Panache.withSession(() -> Account.<Account>findById(id)).flatMap(account -> account == null
                ? Uni.createFrom().failure(ProblemException.notFound(m -> m.accountNotFound(String.valueOf(id))))
                : shown(account));
    }

    /**
     * Changes display name, roles, scope or whether it is disabled; a refusal changes nothing. Disabling ends the
     * account's report sessions (its tokens stop working while it is disabled). Taking the administrator role from
     * the last active administrator, or disabling it, is refused 409 ({@link #keepsAnAdministrator}).
     */
    public Uni<Shown> change(String login, com.fasterxml.jackson.databind.JsonNode body) {
        return find(login).flatMap(current -> {
            AccountInput.Change change = AccountInput.change(body, current.roleList(), current.scope(),
                    current.agencyId != null, current.sources != null);
            return change(current, change);
        });
    }

    /** As {@link #change(String, com.fasterxml.jackson.databind.JsonNode)}, of a change already read. */
    public Uni<Shown> change(Account current, AccountInput.Change change) {
        Uni<List<Long>> ids = change.scope() == null ? Uni.createFrom().nullItem() : scopeIds(change.scope());
        boolean demotes = change.roles() != null && !change.roles().contains(Role.ADMINISTRATOR);
        boolean disables = Boolean.TRUE.equals(change.disabled());
        Uni<java.util.Optional<Long>> link = agencyLink(change.agencyGiven(), change.agency(),
                change.sourcesGiven() ? change.sources() : null);
        return ids.flatMap(scope -> link.flatMap(agencyId -> Audited.withTransaction(() -> keepsAnAdministrator(
                current.id, demotes || disables).flatMap(checked -> change.oidcSubjectGiven()
                        ? subjectFree(change.oidcSubject(), current.id) : Uni.createFrom().voidItem())
                .flatMap(checked -> Account.<Account>findById(current.id))
                .flatMap(account -> {
                    if (change.agencyGiven()) {
                        account.agencyId = agencyId.orElse(null);
                    }
                    if (change.sourcesGiven()) {
                        account.sources = change.sources() == null ? null : change.sources().toArray(String[]::new);
                    }
                    if (change.displayName() != null) {
                        account.displayName = change.displayName();
                    }
                    if (change.roles() != null) {
                        account.roles = change.roles().stream().map(Role::key).toArray(String[]::new);
                    }
                    if (scope != null) {
                        account.scopeUnitIds = scope.toArray(Long[]::new);
                    }
                    boolean relinked = change.oidcSubjectGiven()
                            && !java.util.Objects.equals(change.oidcSubject(), account.oidcSubject);
                    if (relinked) {
                        // an administrator links it now: its roles and scope are theirs, not the claims'
                        account.oidcSubject = change.oidcSubject();
                        account.oidcClaims = false;
                    }
                    boolean endSessions = false;
                    if (change.disabled() != null) {
                        boolean disabled = account.disabledAt != null;
                        if (change.disabled() != disabled) {
                            account.disabledAt = change.disabled() ? now() : null;
                            endSessions = change.disabled();
                        }
                    }
                    account.updatedAt = now();
                    return endSessions ? endSessions(account.id).replaceWith(account)
                            : Uni.createFrom().item(account);
                }))))
                .onFailure(failure -> UniqueViolation.of(failure, SUBJECT_CONSTRAINT))
                .transform(failure -> subjectTaken())
                .invoke(identities::forget)
                .invoke(changed -> {
                    if (change.oidcSubjectGiven()) {
                        linksChanged.fire(new SubjectLinksChanged());
                    }
                })
                .flatMap(this::shown);
    }

    /**
     * Fired when an administrator links an account to a provider's subject or unlinks it (issue 16): whoever
     * remembers which account a person's tokens lead to forgets it ({@code platform/security/oidc/OidcPeople}).
     */
    public record SubjectLinksChanged() {
    }

    @Inject
    jakarta.enterprise.event.Event<SubjectLinksChanged> linksChanged;

    /**
     * Within the caller's transaction: fails 422 at {@code /oidcSubject} when another account than
     * {@code accountId} is linked to {@code subject} (none when null). The unique constraint catches a race.
     */
    private static Uni<Void> subjectFree(String subject, Long accountId) {
        if (subject == null) {
            return Uni.createFrom().voidItem();
        }
        return (accountId == null ? Account.count("oidcSubject", subject)
                : Account.count("oidcSubject = ?1 and id <> ?2", subject, accountId))
                .flatMap(taken -> taken > 0 ? Uni.createFrom().failure(subjectTaken()) : Uni.createFrom().voidItem());
    }

    private static ProblemException subjectTaken() {
        return ProblemException.invalid(List.of(Violation.at("/oidcSubject", m -> m.oidcSubjectTaken())));
    }

    /** Serialises every change that could take away an administrator (a transaction-scoped advisory lock). */
    private static final String ADMINISTRATORS_LOCK = """
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('servicegrade:account-administrators'))) l""";
    /** Whether the account is an active administrator (1) or not (0). */
    private static final String ACTIVE_ADMINISTRATOR = """
            SELECT count(*) FROM account
            WHERE id = :id AND disabled_at IS NULL AND 'administrator' = ANY (roles)""";
    /** The active administrators other than one account. */
    private static final String OTHER_ADMINISTRATORS = """
            SELECT count(*) FROM account
            WHERE id <> :id AND disabled_at IS NULL AND 'administrator' = ANY (roles)""";

    /**
     * Within the caller's transaction: when {@code losing} (the account is to lose the administrator role or be
     * disabled) and it is an active administrator, fails 409 unless another active administrator remains. The lock
     * makes two administrators demoting each other at once take turns: the second reads, after the first has
     * committed, that it would be the last, and is refused; so one always remains. Changes that take nothing away
     * do not wait for it. Read with SQL after the lock, never from an entity loaded before it.
     */
    private Uni<Void> keepsAnAdministrator(long accountId, boolean losing) {
        if (!losing) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ADMINISTRATORS_LOCK, Long.class)
                .getSingleResult()
                .flatMap(locked -> session.createNativeQuery(ACTIVE_ADMINISTRATOR, Long.class)
                        .setParameter("id", accountId).getSingleResult())
                .flatMap(active -> active == 0 ? Uni.createFrom().voidItem()
                        : session.createNativeQuery(OTHER_ADMINISTRATORS, Long.class).setParameter("id", accountId)
                                .getSingleResult().flatMap(others -> others > 0 ? Uni.createFrom().voidItem()
                                        : Uni.createFrom().failure(new ProblemException(409, "last-administrator",
                                                ProblemMessages::conflictTitle,
                                                ProblemMessages::lastAdministrator)))));
    }

    /** Ends the account's report sessions, in the caller's transaction. */
    private static Uni<Integer> endSessions(long accountId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                ReportSessionStore.DELETE_OF_ACCOUNT).setParameter("account", accountId).executeUpdate());
    }

    /**
     * Sets a new password (given, or generated and answered once). Whoever knew the old one is shut out: the
     * account's tokens are revoked and its report sessions ended, in the same transaction.
     */
    public Uni<WithPassword> resetPassword(String login, String given) {
        String password = given != null ? given : PasswordHasher.newPassword();
        return find(login).flatMap(current -> hasher.hash(password).flatMap(hash -> Audited.withTransaction(
                () -> Account.<Account>findById(current.id).flatMap(account -> {
                    OffsetDateTime now = now();
                    account.passwordHash = hash;
                    account.updatedAt = now;
                    return keys.revokeTokensOf(account.id, now).flatMap(revoked -> endSessions(account.id))
                            .replaceWith(account);
                })))).invoke(identities::forget).flatMap(this::shown)
                .map(shown -> new WithPassword(shown, given == null ? password : null));
    }

    /**
     * A personal access token for the login and password, or 401 (the same for an unknown login, a wrong
     * password and a disabled account, after a hash of comparable cost), or 429 while the login is locked out.
     */
    public Uni<SignedIn> signIn(AccountInput.SignIn request) {
        return authenticate(request.login(), request.password()).flatMap(account -> {
            OffsetDateTime expires = now().plusDays(request.days());
            return Audited.withTransaction(() -> keys.createToken(account.id, request.name(), expires))
                    .map(issued -> new SignedIn(issued.key(), issued.secret()));
        });
    }

    /**
     * The account of a login and password, by the one set of sign-in rules (the API's tokens and the report pages'
     * sign-in, issue 16): 429 with Retry-After while the client's address has had too many failures
     * ({@code servicegrade.accounts.address-*}, whatever the login) or the login is locked out (the password is not
     * checked); 401
     * alike for an unknown login, a wrong password and a disabled account (a dummy hash is checked for an unknown
     * one), each noted against the login as typed; a success forgets the login's failures. {@code login} is the
     * normal (lower-cased) form, the password at most {@link PasswordHasher#MAX_BYTES} (callers check both).
     */
    public Uni<Account> authenticate(String login, String password) {
        AuditIntent audit = AuditIntents.ofThisRequest().signIn(AuditActions.SIGN_IN, AuditEvent.OK, login, null);
        ServiceGradeConfig.Accounts settings = config.accounts();
        Duration window = settings.lockoutWindow();
        String address = limitedAddress(audit.clientAddress(), settings);
        return limitedFor(address, settings).flatMap(limited -> {
            if (limited != null) {
                // before the login is looked at: the same answer whether it exists or not
                audit.signIn(AuditActions.SIGN_IN_LIMITED, AuditEvent.REFUSED, login, null);
                signedIn("limited");
                long seconds = Math.max(1, (limited.toMillis() + 999) / 1000);
                return Uni.createFrom().failure(new ProblemException(429, "address-limited",
                        ProblemMessages::addressLimitedTitle, m -> m.addressLimited(seconds))
                        .retryAfter((int) seconds));
            }
            return lockedFor(login, window, settings.lockoutFailures());
        }).flatMap(locked -> {
            if (locked != null) {
                audit.signIn(AuditActions.SIGN_IN_LOCKED, AuditEvent.REFUSED, login, null);
                signedIn("locked");
                long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
                return Uni.createFrom().failure(new ProblemException(429, "locked-out",
                        ProblemMessages::lockedOutTitle, m -> m.lockedOut(seconds)).retryAfter((int) seconds));
            }
            return Panache.withSession(() -> Account.<Account>find("login", login).firstResult())
                    .flatMap(account -> hasher.verify(password, account == null ? null
                            : account.passwordHash).flatMap(matches -> {
                                if (!matches || account.disabledAt != null) {
                                    audit.signIn(AuditActions.SIGN_IN_FAILED, AuditEvent.REFUSED, login,
                                            account == null ? null : account.id);
                                    signedIn("failed");
                                    return failed(login, address, settings).replaceWith(Uni.createFrom()
                                            .<Account>failure(signInFailed()));
                                }
                                audit.signIn(AuditActions.SIGN_IN, AuditEvent.OK, login, account.id);
                                signedIn("ok");
                                return Audited.withTransaction(() -> SignInFailure.delete("login", login))
                                        .replaceWith(account);
                            }));
        });
    }

    /**
     * A sign-in by login and password decided (issue 22: {@code servicegrade_sign_ins_total}): {@code ok},
     * {@code failed} (401), {@code locked} (the login locked out) or {@code limited} (the address).
     */
    private void signedIn(String outcome) {
        signIns(outcome).increment();
    }

    private io.micrometer.core.instrument.Counter signIns(String outcome) {
        return io.micrometer.core.instrument.Counter.builder("servicegrade.sign.ins")
                .description("Sign-ins by login and password, by outcome (ok, failed, locked: the login locked out,"
                        + " limited: the address)")
                .tag("outcome", outcome).register(registry);
    }

    /** The sign-in series at zero from the start (issue 22: an alert on lock-outs sees a quiet server). */
    void signInSeries(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        for (String outcome : List.of("ok", "failed", "locked", "limited")) {
            signIns(outcome);
        }
    }

    /**
     * The address whose failures are counted (null: none is, when the limit is off, the address unknown or
     * exempt).
     */
    private static String limitedAddress(String address, ServiceGradeConfig.Accounts settings) {
        if (address == null || settings.addressFailures() <= 0
                || settings.addressExempt().map(exempt -> exempt.contains(address)).orElse(false)) {
            return null;
        }
        return address;
    }

    /**
     * Issue 16: how long the address must still wait, or null when it may sign in: the limit per address counts
     * failed sign-ins of any logins, so one address trying many logins is slowed as one login tried many times is.
     */
    private Uni<Duration> limitedFor(String address, ServiceGradeConfig.Accounts settings) {
        if (address == null) {
            return Uni.createFrom().nullItem();
        }
        OffsetDateTime now = now();
        Duration window = settings.addressWindow();
        int failures = settings.addressFailures();
        return Panache.withSession(() -> SignInFailure.<SignInFailure>find(
                "address = ?1 and failedAt > ?2 order by failedAt desc", address, now.minus(window))
                .page(0, failures).list())
                .map(recent -> recent.size() < failures ? null
                        // the limit ends when the oldest of the last `failures` leaves the window
                        : Duration.between(now, recent.get(failures - 1).failedAt.plus(window)));
    }

    private Uni<Duration> lockedFor(String login, Duration window, int failures) {
        OffsetDateTime now = now();
        return Panache.withSession(() -> SignInFailure.<SignInFailure>find(
                "login = ?1 and failedAt > ?2 order by failedAt", login, now.minus(window)).list())
                .map(recent -> {
                    if (recent.size() < failures) {
                        return null;
                    }
                    // the lock ends when so many have left the window that fewer than `failures` remain
                    OffsetDateTime ends = recent.get(recent.size() - failures).failedAt.plus(window);
                    return Duration.between(now, ends);
                });
    }

    /**
     * Notes a failure of the login from the address (null: not counted for one), and forgets those older than
     * both windows, of every login and address.
     */
    private Uni<Void> failed(String login, String address, ServiceGradeConfig.Accounts settings) {
        OffsetDateTime now = now();
        SignInFailure failure = new SignInFailure();
        failure.login = login;
        failure.address = address;
        failure.failedAt = now;
        Duration window = settings.lockoutWindow().compareTo(settings.addressWindow()) >= 0
                ? settings.lockoutWindow() : settings.addressWindow();
        return Audited.withTransaction(() -> SignInFailure.delete("failedAt < ?1", now.minus(window))
                .flatMap(purged -> failure.persist())).replaceWithVoid();
    }

    private Uni<Account> find(String login) {
        String normal = AccountInput.normalLogin(login);
        return Panache.withSession(() -> Account.<Account>find("login", normal).firstResult())
                .flatMap(account -> account == null
                        ? Uni.createFrom().failure(ProblemException.notFound(m -> m.accountNotFound(login)))
                        : Uni.createFrom().item(account));
    }

    /**
     * Issue 16: the id of the agency coded {@code code} (empty when none is named or {@code given} is false), after
     * checking that each of {@code sources} is a configured source; 422 naming each bad field otherwise.
     */
    private Uni<java.util.Optional<Long>> agencyLink(boolean given, String code, List<String> sources) {
        List<Violation> problems = new ArrayList<>();
        List<String> known = config.evaluations().sources();
        if (sources != null) {
            for (int i = 0; i < sources.size(); i++) {
                String source = sources.get(i);
                if (!known.contains(source)) {
                    problems.add(Violation.at("/sources/" + i,
                            m -> m.accountSourceUnknown(source, String.join(", ", known))));
                }
            }
        }
        if (!given || code == null) {
            return problems.isEmpty() ? Uni.createFrom().item(java.util.Optional.empty())
                    : Uni.createFrom().failure(ProblemException.invalid(problems));
        }
        return Panache.withSession(() -> io.servicegrade.agency.Agency.<io.servicegrade.agency.Agency>find("code",
                code).firstResult()).map(agency -> {
                    if (agency == null) {
                        problems.add(Violation.at("/agency", m -> m.accountAgencyUnknown(code)));
                    }
                    if (!problems.isEmpty()) {
                        throw ProblemException.invalid(problems);
                    }
                    return java.util.Optional.of(agency.id);
                });
    }

    /** The ids of a scope's units, in order; 422 naming each unknown code by its place. */
    private Uni<List<Long>> scopeIds(List<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return units.idsByCodes(codes).map(found -> {
            List<Violation> problems = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                Long id = found.get(code);
                if (id == null) {
                    problems.add(Violation.at("/scope/" + i, m -> m.scopeUnitUnknown(code)));
                } else {
                    ids.add(id);
                }
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            return ids;
        });
    }

    private Uni<Shown> shown(Account account) {
        return shown(List.of(account)).map(all -> all.get(0));
    }

    /** The accounts with their scopes' unit codes (as the units are called now), in one query. */
    private Uni<List<Shown>> shown(List<Account> accounts) {
        Collection<Long> ids = accounts.stream().flatMap(a -> a.scope().stream()).distinct().toList();
        Uni<Map<Long, String>> codes = ids.isEmpty() ? Uni.createFrom().item(Map.of())
                : units.findByIds(ids).map(found -> {
                    Map<Long, String> byId = new HashMap<>();
                    for (Unit unit : found) {
                        byId.put(unit.id(), unit.code());
                    }
                    return byId;
                });
        List<Long> agencies = accounts.stream().map(a -> a.agencyId).filter(java.util.Objects::nonNull).distinct()
                .toList();
        // one statement after the other: a request holds one pooled connection at a time
        return codes.flatMap(byId -> (agencies.isEmpty() ? Uni.createFrom().item(List.<io.servicegrade.agency.Agency>of())
                : Panache.withSession(() -> io.servicegrade.agency.Agency.<io.servicegrade.agency.Agency>list(
                        "id in ?1", agencies))).map(found -> {
                    Map<Long, String> agencyCodes = new HashMap<>();
                    found.forEach(a -> agencyCodes.put(a.id, a.code));
                    return accounts.stream().map(account -> new Shown(account, account.scope().stream()
                            .map(byId::get).filter(java.util.Objects::nonNull).toList(),
                            account.agencyId == null ? null : agencyCodes.get(account.agencyId))).toList();
                }));
    }

    // ---- single sign-on (issue 16): the accounts of people the organisation's identity provider signs in ----

    /** The unique constraint on {@code account.oidc_subject} (V63). */
    static final String SUBJECT_CONSTRAINT = "account_oidc_subject_key";

    /**
     * How a provider's token finds its account ({@code servicegrade.oidc.*}): also by a verified e-mail
     * ({@code byEmail}), and whether a person with none gets one made just in time, with {@code passwordHash}.
     */
    public record Linking(boolean byEmail, boolean justInTime, String passwordHash) {
    }

    /**
     * The id of the account of a person a verified token describes: the account linked to the subject; else, when
     * linking by e-mail and the provider verified it, the account whose login is the e-mail and that is linked to
     * no one (linked now); else, just in time, an account made from the claims. Null when there is none to be had.
     * An account made just in time has its roles, scope and name written again whenever the claims differ; a
     * linked local account keeps its own. Race-safe: two first requests of one person at once end at one account
     * (the loser of the unique subject or login finds the winner's). One connection at a time, each write its own
     * transaction.
     */
    public Uni<Long> accountOf(OidcPerson person, Linking linking) {
        List<String> codes = person.unitCodes();
        Uni<List<Long>> scope = codes.isEmpty() ? Uni.createFrom().item(List.of())
                : units.idsByCodes(codes).map(found -> found.values().stream().sorted().toList());
        return scope.flatMap(ids -> Panache.withSession(() -> Account.<Account>find("oidcSubject",
                person.subject()).firstResult()).flatMap(linked -> {
                    if (linked != null) {
                        return linked.oidcClaims ? synced(linked, person, ids).replaceWith(linked.id)
                                : Uni.createFrom().item(linked.id);
                    }
                    Uni<Long> byEmail = linking.byEmail() && person.emailVerified() && person.email() != null
                            ? linkedByEmail(person.subject(), AccountInput.normalLogin(person.email()))
                            : Uni.createFrom().nullItem();
                    return byEmail.flatMap(id -> id != null ? Uni.createFrom().item(id)
                            : linking.justInTime() ? madeJustInTime(person, ids, linking.passwordHash())
                            // another request of the person may have linked it meanwhile
                            : bySubject(person.subject()));
                }));
    }

    /** The id of the account linked to {@code subject}, or null. */
    private static Uni<Long> bySubject(String subject) {
        return Panache.withSession(() -> Account.<Account>find("oidcSubject", subject).firstResult())
                .map(account -> account == null ? null : account.id);
    }

    /** Links the local account {@code login} to the subject when it is linked to no one; its id, or null. */
    private static Uni<Long> linkedByEmail(String subject, String login) {
        return Audited.withTransaction(() -> Account.update("oidcSubject = ?1, updatedAt = ?2 "
                + "where login = ?3 and oidcSubject is null and oidcClaims = false", subject, now(), login)
                .flatMap(changed -> changed == 0 ? Uni.createFrom().<Long>nullItem()
                        : Account.<Account>find("login", login).firstResult().map(account -> account.id)))
                .onFailure(failure -> UniqueViolation.of(failure, SUBJECT_CONSTRAINT))
                .recoverWithUni(() -> bySubject(subject));
    }

    /** Writes a just-in-time account's roles, scope and name again when the claims now say otherwise. */
    private static Uni<Void> synced(Account linked, OidcPerson person, List<Long> scope) {
        String[] roles = claimedRoles(person);
        Long[] ids = scope.toArray(Long[]::new);
        if (java.util.Arrays.equals(linked.roles, roles) && java.util.Arrays.equals(linked.scopeUnitIds, ids)
                && person.displayName().equals(linked.displayName)) {
            return Uni.createFrom().voidItem();
        }
        return Audited.withTransaction(() -> Account.<Account>findById(linked.id).invoke(account -> {
            if (account != null && account.oidcClaims) {
                account.displayName = person.displayName();
                account.roles = roles;
                account.scopeUnitIds = ids;
                account.updatedAt = now();
            }
        })).replaceWithVoid();
    }

    private static Uni<Long> madeJustInTime(OidcPerson person, List<Long> scope, String passwordHash) {
        OffsetDateTime now = now();
        Account account = new Account();
        account.login = person.justInTimeLogin();
        account.displayName = person.displayName();
        account.passwordHash = passwordHash;
        account.roles = claimedRoles(person);
        account.scopeUnitIds = scope.toArray(Long[]::new);
        account.oidcSubject = person.subject();
        account.oidcClaims = true;
        account.createdAt = now;
        account.updatedAt = now;
        // two first requests of one person at once take turns on the subject's lock: the second finds the account
        // the first made. Should the unique subject (or login) refuse it all the same, it writes nothing and reads
        // the account linked to the subject, if any.
        return Audited.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                SUBJECT_LOCK, Long.class).setParameter("key", "servicegrade:oidc-subject:" + person.subject())
                .getSingleResult())
                .flatMap(locked -> Account.<Account>find("oidcSubject", person.subject()).<Account>firstResult())
                .flatMap(made -> made != null ? Uni.createFrom().item(made.id)
                        : account.<Account>persistAndFlush().map(stored -> stored.id)))
                .onFailure(failure -> UniqueViolation.of(failure, SUBJECT_CONSTRAINT)
                        || UniqueViolation.of(failure, LOGIN_CONSTRAINT))
                .recoverWithUni(() -> bySubject(person.subject()));
    }

    /** Serialises the making of one person's account (a transaction-scoped advisory lock on their subject). */
    private static final String SUBJECT_LOCK = """
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) l""";

    /** The roles a just-in-time account has: the claims' known ones, or viewer (no powers) when none is. */
    private static String[] claimedRoles(OidcPerson person) {
        return person.roles().isEmpty() ? new String[] {Role.VIEWER.key()} : person.roles().toArray(String[]::new);
    }

    private static ProblemException loginTaken(String login) {
        return ProblemException.invalid(List.of(Violation.at("/login", m -> m.loginTaken(login))));
    }

    static ProblemException signInFailed() {
        return new ProblemException(401, "sign-in-failed", ProblemMessages::unauthorizedTitle,
                ProblemMessages::signInFailed);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
