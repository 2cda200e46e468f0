package io.servicegrade.evaluation;

import java.math.BigDecimal;

/** What became of one evaluation of a batch: {@code created}, {@code existing} or {@code revised}. */
public record Outcome(String externalId, long id, BigDecimal score, boolean vetoed, String outcome) {
}
