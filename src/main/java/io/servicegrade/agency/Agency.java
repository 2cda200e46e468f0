package io.servicegrade.agency;

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
 * A survey agency (第三方测评机构); {@code sources} null means it may post any source. Only {@link AgencyService}
 * reads and writes the table.
 */
@Entity
@Table(name = "agency")
public class Agency extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "agency_id_seq")
    @SequenceGenerator(name = "agency_id_seq", sequenceName = "agency_id_seq", allocationSize = 1)
    public Long id;

    @Column(nullable = false, unique = true, columnDefinition = "text")
    public String code;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] sources;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The sources it may post, or null for any. */
    public List<String> sources() {
        return sources == null ? null : List.copyOf(Arrays.asList(sources));
    }
}
