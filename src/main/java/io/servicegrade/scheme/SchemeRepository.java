package io.servicegrade.scheme;

import io.servicegrade.platform.versioning.DocumentVersions;
import jakarta.enterprise.context.ApplicationScoped;

/** Scheme versions in PostgreSQL: appended, never changed. */
@ApplicationScoped
public class SchemeRepository extends DocumentVersions {

    public SchemeRepository() {
        super("scheme_version", "scheme_key");
    }
}
