package io.servicegrade.platform.security;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An API key, or a personal access token of an account; only its SHA-256 hash is kept, and a short prefix so people
 * can tell keys apart.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_key_seq")
    @SequenceGenerator(name = "api_key_seq", sequenceName = "api_key_seq", allocationSize = 1)
    public Long id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(nullable = false, columnDefinition = "text")
    public String prefix;

    @Column(nullable = false, unique = true, columnDefinition = "text")
    public String hash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    /** The agency the key belongs to; null for an admin key. */
    @Column(name = "agency_id")
    public Long agencyId;

    /** The account of a personal access token (issue 16); null for an admin's or an agency's key. */
    @Column(name = "account_id")
    public Long accountId;

    /** When a personal access token stops working; null for keys, which last until revoked. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    /** When a personal access token was last used (noted at most once a minute). */
    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;
}
