package io.servicegrade.platform.security;

import io.servicegrade.account.Role;

import java.util.List;
import java.util.Set;

/**
 * Who is calling (issue 16: the principal model): the admin key, a survey agency's key (limited to {@code sources}
 * when that is not null), or a person's account through one of its personal access tokens ({@code accountId} set),
 * with the account's {@code roles} and, for the scoped roles, {@code scopeUnits}: the ids of the units whose
 * subtrees are in scope, read when the caller is identified (so a move is followed at once; SQL compares unit paths,
 * see {@link Scope}). An account with the agency role and a linked agency acts as that agency's key
 * ({@code agencyId}, {@code agencyCode} and {@code sources} are the agency's, or the account's own sources when it
 * names some). What each role may do is decided here and nowhere else; {@link Scope} turns it into SQL.
 */
public record Caller(long keyId, Long agencyId, String agencyCode, List<String> sources, Long accountId,
        Set<String> roles, List<Long> scopeUnits) {

    // the roles' keys, as the catalogue (account/Role) writes them
    public static final String ADMINISTRATOR = Role.ADMINISTRATOR.key();
    public static final String ANALYST = Role.ANALYST.key();
    public static final String MANAGER = Role.MANAGER.key();
    public static final String INSPECTOR = Role.INSPECTOR.key();
    public static final String AGENCY = Role.AGENCY.key();
    public static final String VIEWER = Role.VIEWER.key();

    /** The caller of an admin key ({@code agencyId} null) or of an agency's key. */
    public Caller(long keyId, Long agencyId, String agencyCode, List<String> sources) {
        this(keyId, agencyId, agencyCode, sources, null, Set.of(), null);
    }

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        scopeUnits = scopeUnits == null ? null : List.copyOf(scopeUnits);
    }

    private boolean has(String role) {
        return roles.contains(role);
    }

    /**
     * Who acts, as records of an act keep it (issue 18: who closed or reopened a period): {@code account:<id>} for a
     * person, {@code key:<id>} for an API key. Never a secret or a personal detail.
     */
    public String actor() {
        return accountId != null ? "account:" + accountId : "key:" + keyId;
    }

    /**
     * What kind of credential the caller came with, as the request log names it (issue 22): {@code account} (a
     * person: a personal token, a report session, the identity provider's token), {@code admin-key} or
     * {@code agency-key}. Never a secret or a personal detail.
     */
    public String kind() {
        return accountId != null ? "account" : agencyId == null ? "admin-key" : "agency-key";
    }

    /** The admin key, or an account with the administrator role: every power. */
    public boolean isAdmin() {
        return accountId == null ? agencyId == null : has(ADMINISTRATOR);
    }

    /** An agency's key, or an account acting as its linked agency: its own evaluations only. */
    public boolean isAgency() {
        return agencyId != null && !isAdmin();
    }

    /** An account that posts its own inspections (and is neither the admin nor an agency). */
    public boolean isInspector() {
        return accountId != null && has(INSPECTOR) && !isAdmin() && !isAgency();
    }

    /** Whether this caller reads every unit (the admin, an analyst, an agency): no unit scope applies. */
    public boolean readsEveryUnit() {
        return isAdmin() || isAgency() || has(ANALYST);
    }

    /**
     * The ids of the units whose subtrees bound what this caller may reach; null when no unit scope applies
     * ({@link #readsEveryUnit}). Empty for an account whose roles reach no unit.
     */
    public List<Long> unitScope() {
        if (readsEveryUnit()) {
            return null;
        }
        return scopeUnits == null ? List.of() : scopeUnits;
    }

    /** Whether this caller may read evaluations (their sheets, evidence, breakdowns and histories) at all. */
    public boolean mayReadEvaluations() {
        return readsEveryUnit() || has(MANAGER) || has(INSPECTOR);
    }

    /** Whether this caller may post evaluations, and revise or void its own. */
    public boolean mayWriteEvaluations() {
        return isAdmin() || isAgency() || isInspector();
    }

    /** Whether this caller may publish periods' standings (the admin and analysts). */
    public boolean mayPublish() {
        return isAdmin() || has(ANALYST);
    }

    /**
     * Whether this caller may confirm, substitute and forward nominations (issue 18): the admin, and a manager for
     * the groups in its scope (the scope is checked where the group is known).
     */
    public boolean mayDecideNominations() {
        return isAdmin() || has(MANAGER);
    }

    /** Whether this caller may approve nominations and designate benchmark units (issue 18: the analyst's). */
    public boolean mayApproveNominations() {
        return isAdmin() || has(ANALYST);
    }

    /** Whether this caller may file appeals (issue 18): a manager, for the units in scope, or the admin. */
    public boolean mayAppeal() {
        return isAdmin() || has(MANAGER);
    }

    /** Whether this caller may decide appeals (issue 18): the admin and analysts. */
    public boolean mayDecideAppeals() {
        return isAdmin() || has(ANALYST);
    }

    /** Whether this caller may read standings boards when they are not public: anyone signed in with a role. */
    public boolean mayReadStandings() {
        return accountId == null || !roles.isEmpty();
    }

    /**
     * Issue 18: whether this caller may propose a unit veto event, or ask for its exemption: the admin, an analyst,
     * or a manager or inspector for the units in its scope.
     */
    public boolean mayProposeVetoEvents() {
        return isAdmin() || has(ANALYST) || accountId != null && (has(MANAGER) || has(INSPECTOR));
    }

    /**
     * Issue 18: whether this caller may confirm a veto event or decide its exemption: the general manager's office,
     * that is the admin and analysts.
     */
    public boolean mayConfirmVetoEvents() {
        return isAdmin() || has(ANALYST);
    }

    /**
     * Whether this caller may do what a key may (an admin's or an agency's) beyond asking about itself: every key,
     * and every account that holds a role.
     */
    public boolean hasApiPowers() {
        return accountId == null || !roles.isEmpty();
    }

    public boolean isAccount() {
        return accountId != null;
    }

    /**
     * The space that external ids, idempotency keys and import jobs live in, and that owns the evaluations posted:
     * an agency's id, the negated account id for an inspector (its own space, so its ids never meet the admin's or
     * an agency's), or 0 for the admin.
     */
    public long scope() {
        if (isAgency()) {
            return agencyId;
        }
        return isInspector() ? -accountId : 0;
    }

    /** The owner whose evaluations alone this caller reads: an agency's own; null when reads are not by owner. */
    public Long readsOwnerOnly() {
        return isAgency() ? agencyId : null;
    }

    /** Whether this caller may change an evaluation owned by {@code space} ({@link #scope}). */
    public boolean owns(long space) {
        return isAdmin() || space == scope() && mayWriteEvaluations();
    }

    public boolean maySubmit(String source) {
        return sources == null || sources.contains(source);
    }

    // issue 19: rectification orders

    /** Whether this caller may raise rectification orders (issue 19): the admin, analysts and inspectors. */
    public boolean mayRaiseRectifications() {
        return isAdmin() || has(ANALYST) || accountId != null && has(INSPECTOR);
    }

    /** Whether this caller may accept or return an order's reply (issue 19): the admin, analysts and inspectors. */
    public boolean mayVerifyRectifications() {
        return mayRaiseRectifications();
    }

    /** Whether this caller may reply to orders as their owner (issue 19): a manager, in scope, or the admin. */
    public boolean mayReplyRectifications() {
        return isAdmin() || has(MANAGER);
    }

    /** Whether this caller may read orders (issue 19): those who raise, verify or reply, and viewers, in scope. */
    public boolean mayReadRectifications() {
        return mayRaiseRectifications() || mayReplyRectifications() || accountId != null && has(VIEWER);
    }

    /**
     * The units whose orders this caller reaches (issue 19): null (all) for those who raise and verify them, else
     * the caller's unit scope.
     */
    public List<Long> rectificationScope() {
        return mayRaiseRectifications() ? null : scopeUnits == null ? List.of() : scopeUnits;
    }

    // issue 19: complaints register
    /**
     * The units whose subtrees bound the complaints this caller reaches (issue 19): null (all) for the admin, an
     * analyst and an inspector; a manager's or a viewer's scope otherwise.
     */
    public List<Long> complaintScope() {
        if (isAdmin() || has(ANALYST) || isInspector()) {
            return null;
        }
        return scopeUnits == null ? List.of() : scopeUnits;
    }

    /** Whether this caller may read complaints, their figures and the volumes (issue 19); never an agency. */
    public boolean mayReadComplaints() {
        return !isAgency() && (isAdmin() || has(ANALYST) || isInspector() || has(MANAGER) || has(VIEWER));
    }

    /** Whether this caller may register complaints (issue 19): admin, analyst, inspector, a manager in scope. */
    public boolean mayRegisterComplaints() {
        return isAdmin() || has(ANALYST) || isInspector() || has(MANAGER);
    }

    /** Whether this caller may reply to complaints (issue 19): the admin, or a manager in scope. */
    public boolean mayReplyComplaints() {
        return isAdmin() || has(MANAGER);
    }

    /**
     * Whether this caller may record any complaint's satisfaction (issue 19): the admin and analysts; otherwise only
     * who registered the complaint may.
     */
    public boolean mayRecordAnySatisfaction() {
        return isAdmin() || has(ANALYST);
    }

    /** Whether this caller may put transaction volumes (issue 19): admin, analyst, a manager in scope. */
    public boolean mayPutVolumes() {
        return isAdmin() || has(ANALYST) || has(MANAGER);
    }

    // issue 19: inspection coverage

    /** Issue 19: whether this caller may make, change and delete inspection coverage plans: the admin and analysts. */
    public boolean mayPlanCoverage() {
        return isAdmin() || has(ANALYST);
    }

    /**
     * Issue 19: whether this caller may read coverage, the overdue and never-inspected lists, rates and duty rates:
     * the admin, analysts, inspectors (every unit) and managers (their subtrees, {@link #coverageScope}).
     */
    public boolean mayReadCoverage() {
        return readsEveryUnit() && !isAgency() || has(MANAGER) || has(INSPECTOR);
    }

    /**
     * Issue 19: the units whose subtrees bound the coverage this caller reads; null (every unit) for the admin,
     * analysts and inspectors (inspection planning looks at the whole tree), a manager's scope otherwise.
     */
    public List<Long> coverageScope() {
        if (isAdmin() || has(ANALYST) || has(INSPECTOR)) {
            return null;
        }
        return unitScope();
    }
    // issue 19: webhooks
    /** Whether this caller may make, change, delete, rotate and replay webhook subscriptions: the admin only. */
    public boolean mayManageWebhooks() {
        return isAdmin();
    }

    /** Whether this caller may read subscriptions (never their secrets) and their delivery logs. */
    public boolean mayReadWebhooks() {
        return isAdmin() || has(ANALYST);
    }
}
