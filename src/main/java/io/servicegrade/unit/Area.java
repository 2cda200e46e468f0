package io.servicegrade.unit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

import java.util.Locale;

/** Where a unit serves, as GraphQL names it (stored and sent over REST as {@code urban} or {@code rural}). */
@Enum("Area")
@Description("Where a unit serves: a city (URBAN) or the countryside (RURAL); targets differ between them.")
public enum Area {
    URBAN, RURAL;

    /** The stored token ({@code urban}), or null for none. */
    public static String token(Area area) {
        return area == null ? null : area.name().toLowerCase(Locale.ROOT);
    }

    /** The area a stored token names, or null for none. */
    public static Area of(String token) {
        return token == null ? null : valueOf(token.toUpperCase(Locale.ROOT));
    }
}
