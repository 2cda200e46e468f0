package io.servicegrade.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a REST method. Without it, reads are open and writes need the admin key.
 * {@code AGENCY}: any valid key, an agency's or the admin's. {@code ADMIN}: the admin key only. {@code ACCOUNT}: a
 * personal access token of any account, whatever its roles (issue 16: the caller asks about itself). A token of an
 * account without the administrator role is refused (403) on {@code AGENCY} and {@code ADMIN}, and is treated as no
 * credential on {@code OPEN}: it has none of a key's powers until scopes are enforced.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {

    Level value();

    enum Level { OPEN, AGENCY, ADMIN, ACCOUNT }
}
