package io.servicegrade.evaluation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One entry of an evaluation's history: who changed it, when, why, and the score before and after. */
public record Revision(int revision, String kind, OffsetDateTime at, long keyId, String agency, String reason,
        BigDecimal previousScore, BigDecimal score, boolean vetoed) {
}
