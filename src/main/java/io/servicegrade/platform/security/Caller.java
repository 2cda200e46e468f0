package io.servicegrade.platform.security;

import java.util.List;

/**
 * Who is calling, by the API key sent: the admin, a survey agency (limited to {@code sources} when that is not
 * null), or a person's account through one of its personal access tokens ({@code accountId} set; issue 16).
 * {@code scope} is the agency's id, or 0 for the admin: the space that external ids and idempotency keys live in.
 * An account acts as the admin key when it has the administrator role ({@code accountAdmin}); an account without
 * it has none of the API's powers yet ({@link #hasApiPowers()}): it may only ask about itself.
 */
public record Caller(long keyId, Long agencyId, String agencyCode, List<String> sources, Long accountId,
        boolean accountAdmin) {

    /** The caller of an admin key ({@code agencyId} null) or of an agency's key. */
    public Caller(long keyId, Long agencyId, String agencyCode, List<String> sources) {
        this(keyId, agencyId, agencyCode, sources, null, false);
    }

    public boolean isAdmin() {
        return agencyId == null && (accountId == null || accountAdmin);
    }

    /** Whether this caller may do what a key may (an admin's or an agency's); false for an account of other roles. */
    public boolean hasApiPowers() {
        return agencyId != null || isAdmin();
    }

    public boolean isAccount() {
        return accountId != null;
    }

    public long scope() {
        return agencyId == null ? 0 : agencyId;
    }

    public boolean maySubmit(String source) {
        return sources == null || sources.contains(source);
    }
}
