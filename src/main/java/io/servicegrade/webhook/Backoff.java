package io.servicegrade.webhook;

import java.time.Duration;

/**
 * The wait before a delivery's next attempt (issue 19): {@code first} after the first failure, multiplied by
 * {@code factor} after each further one, never more than {@code cap}.
 */
record Backoff(Duration first, int factor, Duration cap) {

    /** The wait after {@code failures} failed attempts of the series (1 or more). */
    Duration after(int failures) {
        Duration wait = first;
        for (int i = 1; i < failures; i++) {
            if (wait.compareTo(cap) >= 0) {
                return cap;
            }
            wait = wait.multipliedBy(Math.max(1, factor));
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
