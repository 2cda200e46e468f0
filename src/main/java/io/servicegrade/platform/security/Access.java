package io.servicegrade.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a REST method. Without it, reads are open and writes need the admin key.
 * {@code AGENCY}: any valid key, an agency's or the admin's. {@code ADMIN}: the admin key only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {

    Level value();

    enum Level { OPEN, AGENCY, ADMIN }
}
