package io.servicegrade.agency;

import java.time.OffsetDateTime;
import java.util.List;

/** A survey agency (第三方测评机构); {@code sources} null means it may post any source. */
public record Agency(long id, String code, String name, List<String> sources, boolean active,
        OffsetDateTime createdAt) {
}
