package io.servicegrade.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A person's account (issue 16): a login (kept lower-cased, unique), a display name, roles, and for the scoped roles
 * the ids of the units whose subtrees are in scope. Only {@link AccountService} writes it.
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 1)
    public Long id;

    @Column(nullable = false, unique = true, columnDefinition = "text")
    public String login;

    @Column(name = "display_name", nullable = false, columnDefinition = "text")
    public String displayName;

    @Column(name = "password_hash", nullable = false, columnDefinition = "text")
    public String passwordHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] roles;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scope_unit_ids", nullable = false, columnDefinition = "bigint[]")
    public Long[] scopeUnitIds;

    /** The agency an account with the agency role acts as (issue 16: scope); null otherwise. */
    @Column(name = "agency_id")
    public Long agencyId;

    /** The sources an inspector or an agency's account may post; null: every source (issue 16: scope). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] sources;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    /**
     * The subject ({@code sub}) of the person at the organisation's identity provider this account is linked to
     * (issue 16: single sign-on); unique; null: not linked.
     */
    @Column(name = "oidc_subject", columnDefinition = "text")
    public String oidcSubject;

    /** Whether the account was made just in time for a provider's person: its roles and scope follow the claims. */
    @Column(name = "oidc_claims", nullable = false)
    public boolean oidcClaims;

    public List<Role> roleList() {
        return Arrays.stream(roles).map(key -> Role.of(key).orElseThrow()).toList();
    }

    public List<Long> scope() {
        return scopeUnitIds == null ? List.of() : List.of(scopeUnitIds);
    }
}
