package io.servicegrade.platform.security;

import java.util.List;

/**
 * Who is calling, by the API key sent: the admin, or a survey agency (limited to {@code sources} when that
 * is not null). {@code scope} is the agency's id, or 0 for the admin: the space that external ids and
 * idempotency keys live in.
 */
public record Caller(long keyId, Long agencyId, String agencyCode, List<String> sources) {

    public boolean isAdmin() {
        return agencyId == null;
    }

    public long scope() {
        return agencyId == null ? 0 : agencyId;
    }

    public boolean maySubmit(String source) {
        return sources == null || sources.contains(source);
    }
}
