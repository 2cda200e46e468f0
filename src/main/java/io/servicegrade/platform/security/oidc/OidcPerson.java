package io.servicegrade.platform.security.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.Sha256;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A person as a verified token describes them (issue 16: single sign-on): the provider's subject, the e-mail and
 * whether the provider verified it, a name to show, and the roles and unit codes of the configured claims. Read
 * from a token the provider's keys have already verified; pure code.
 *
 * @param roles the known role keys among the roles claim's, in their order, each once
 * @param unitCodes the scope claim's unit codes, each once (whether a unit has the code is the store's question)
 * @param unknownRoles the roles claim's values that are no role here (ignored; logged once each)
 */
public record OidcPerson(String subject, String email, boolean emailVerified, String displayName,
        List<String> roles, List<String> unitCodes, List<String> unknownRoles) {

    /** The longest subject kept (account.oidc_subject); a longer one is no person here. */
    public static final int MAX_SUBJECT = 255;

    /**
     * The person of a verified token's claims, or null when it names no subject (or one too long to keep).
     * {@code rolesClaim} and {@code scopeClaim} are claim names, or paths into nested claims written with {@code /}.
     */
    public static OidcPerson of(JsonNode claims, String rolesClaim, String scopeClaim, Predicate<String> knownRole) {
        String subject = text(claims.get("sub"));
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            return null;
        }
        String email = text(claims.get("email"));
        boolean verified = claims.path("email_verified").asBoolean(false);
        String name = firstOf(text(claims.get("name")), text(claims.get("preferred_username")), email, subject);
        List<String> roles = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String role : values(at(claims, rolesClaim))) {
            if (knownRole.test(role)) {
                roles.add(role);
            } else {
                unknown.add(role);
            }
        }
        return new OidcPerson(subject, email, verified, oneLine(name), roles, values(at(claims, scopeClaim)),
                unknown);
    }

    /** The login of an account made just in time for the person: {@code oidc-} and a digest of the subject. */
    public String justInTimeLogin() {
        return "oidc-" + Sha256.hex("oidc-subject:" + subject).substring(0, 16);
    }

    /** The claim at {@code path} ({@code a/b} is claim b inside claim a), or a missing node. */
    static JsonNode at(JsonNode claims, String path) {
        JsonNode node = claims;
        for (String step : path.split("/")) {
            if (!step.isEmpty()) {
                node = node.path(step);
            }
        }
        return node;
    }

    /** A claim's text values: one string, or the strings of a list (anything else is skipped); each once. */
    static List<String> values(JsonNode node) {
        Set<String> found = new LinkedHashSet<>();
        if (node.isTextual()) {
            add(found, node.textValue());
        } else if (node.isArray()) {
            node.forEach(item -> {
                if (item.isTextual()) {
                    add(found, item.textValue());
                }
            });
        }
        return List.copyOf(found);
    }

    private static void add(Set<String> found, String value) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty()) {
            found.add(trimmed);
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue().trim() : null;
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        return "?";
    }

    /** A display name as an account keeps one: one line of at most 200 characters. */
    private static String oneLine(String name) {
        String line = name.replaceAll("\\p{Cntrl}", " ").strip();
        if (line.isEmpty()) {
            line = "?";
        }
        return line.length() <= 200 ? line : line.substring(0, 200);
    }
}
