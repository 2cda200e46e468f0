package io.servicegrade.account;

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
 * A failed sign-in of a login (known or not), counted for the lock-out and for its client address's limit. Only
 * {@link AccountService} writes it.
 */
@Entity
@Table(name = "sign_in_failure")
public class SignInFailure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sign_in_failure_seq")
    @SequenceGenerator(name = "sign_in_failure_seq", sequenceName = "sign_in_failure_seq", allocationSize = 1)
    public Long id;

    @Column(nullable = false, columnDefinition = "text")
    public String login;

    @Column(name = "failed_at", nullable = false)
    public OffsetDateTime failedAt;

    /** The client's address it came from (null: not known), counted for the limit per address. */
    @Column(columnDefinition = "text")
    public String address;
}
