package io.servicegrade.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The roles a person's account may hold (issue 16). The scoped ones (manager, inspector, viewer) act on the
 * subtrees under their scope's units; the others act on the whole organisation. What each may do is decided by
 * {@link io.servicegrade.platform.security.Caller} and enforced by {@link io.servicegrade.platform.security.Scope}.
 */
public enum Role {
    ADMINISTRATOR(false, RoleMessages::administratorName, RoleMessages::administratorDescription),
    ANALYST(false, RoleMessages::analystName, RoleMessages::analystDescription),
    MANAGER(true, RoleMessages::managerName, RoleMessages::managerDescription),
    INSPECTOR(true, RoleMessages::inspectorName, RoleMessages::inspectorDescription),
    AGENCY(false, RoleMessages::agencyName, RoleMessages::agencyDescription),
    VIEWER(true, RoleMessages::viewerName, RoleMessages::viewerDescription);

    private final boolean scoped;
    private final Function<RoleMessages, String> name;
    private final Function<RoleMessages, String> description;

    Role(boolean scoped, Function<RoleMessages, String> name, Function<RoleMessages, String> description) {
        this.scoped = scoped;
        this.name = name;
        this.description = description;
    }

    /** How the API and the database write it: the lower-case name. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the role acts within a scope of units. */
    public boolean scoped() {
        return scoped;
    }

    public String name(RoleMessages messages) {
        return name.apply(messages);
    }

    public String description(RoleMessages messages) {
        return description.apply(messages);
    }

    public static Optional<Role> of(String key) {
        return Arrays.stream(values()).filter(role -> role.key().equals(key)).findFirst();
    }

    /** Every role's key, for a message that lists them. */
    public static String keys() {
        return Arrays.stream(values()).map(Role::key).collect(Collectors.joining(", "));
    }
}
