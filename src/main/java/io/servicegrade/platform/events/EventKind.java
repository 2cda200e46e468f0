package io.servicegrade.platform.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of outbound event other systems may subscribe to (issue 19), by the name subscriptions and deliveries
 * carry.
 */
public enum EventKind {
    EVALUATION_STORED("evaluation.stored"),
    APPEAL_FILED("appeal.filed"),
    APPEAL_DECIDED("appeal.decided"),
    RECTIFICATION_CREATED("rectification.created"),
    RECTIFICATION_OVERDUE("rectification.overdue"),
    COMPLAINT_OVERDUE("complaint.overdue"),
    PERIOD_PUBLISHED("period.published"),
    PERIOD_CLOSED("period.closed");

    private final String wire;

    EventKind(String wire) {
        this.wire = wire;
    }

    /** The kind's name on the wire. */
    public String wire() {
        return wire;
    }

    public static Optional<EventKind> of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
