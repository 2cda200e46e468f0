package io.servicegrade.unit;

import java.util.Arrays;
import java.util.List;

/**
 * A unit as stored, with its materialised path: the ids from the root down to itself ({@code 1.5.23}), and its
 * tags, sorted (issue 17).
 */
record StoredUnit(long id, String code, String name, String kind, String serviceLine, String area, Long parentId,
        String parentCode, String path, boolean active, List<String> tags) {

    /** A stored unit without tags. */
    StoredUnit(long id, String code, String name, String kind, String serviceLine, String area, Long parentId,
            String parentCode, String path, boolean active) {
        this(id, code, name, kind, serviceLine, area, parentId, parentCode, path, active, List.of());
    }

    List<Long> pathIds() {
        return Arrays.stream(path.split("\\.")).map(Long::valueOf).toList();
    }
}
