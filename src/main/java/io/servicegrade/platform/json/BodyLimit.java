package io.servicegrade.platform.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the body of a REST method carries, and so how large it may be ({@link RequestBodies#limit}): a
 * {@code Content-Length} over it is refused with 413 before the body is read ({@link RequestChecks}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BodyLimit {

    RequestBodies.Kind value();
}
