package io.servicegrade.evaluation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** What became of one evaluation of a batch: {@code created}, {@code existing} or {@code revised}. */
public record Outcome(@Schema(required = true) String externalId, @Schema(required = true) long id,
        @Schema(required = true) BigDecimal score, @Schema(required = true) boolean vetoed,
        @Schema(required = true, enumeration = {"created", "existing", "revised"}) String outcome) {
}
