package io.servicegrade.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a REST method. Without it, reads are open and writes need the admin key.
 * {@code AGENCY}: any valid key (an agency's or the admin's) or any account's token with a role; what the role and
 * scope then allow is checked where the work is done ({@link Scope}, issue 16). {@code PUBLISH}: the admin and
 * analysts. {@code ADMIN}: the admin key, or an account with the administrator role. {@code ACCOUNT}: a personal
 * access token of any account, whatever its roles (the caller asks about itself).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {

    Level value();

    enum Level { OPEN, AGENCY, PUBLISH, ADMIN, ACCOUNT }
}
