package io.servicegrade.rubric;

import io.servicegrade.platform.versioning.DocumentVersions;
import jakarta.enterprise.context.ApplicationScoped;

/** Rubric versions in PostgreSQL: appended, never changed. */
@ApplicationScoped
public class RubricRepository extends DocumentVersions {

    public RubricRepository() {
        super("rubric_version", "rubric_key");
    }
}
