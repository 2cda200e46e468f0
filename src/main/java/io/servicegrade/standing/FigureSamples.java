package io.servicegrade.standing;

import io.servicegrade.scheme.Figure;
import io.servicegrade.scheme.SchemeHistory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The follow-up figures' samples (issue 19, {@code figure_sample}): a case's feature (rectification orders,
 * complaints) puts the samples of the cases it changed over the change's own transaction, and the standing inputs of
 * every scheme source on those figures are refreshed in the same transaction, as an evaluation's write refreshes
 * its groups. Read the schemes first ({@link #schemes()}), before the transaction opens.
 */
@ApplicationScoped
public class FigureSamples {

    @Inject
    StandingInputs inputs;

    @Inject
    StandingInputRepository repository;

    /**
     * A case's sample of one figure: {@code value} 0–100, or null when the case has no outcome for the figure (any
     * sample it had is removed); {@code at} dates it into a period (when the case arose), {@code unitId} is the unit
     * it counts for.
     */
    public record Sample(Figure figure, long refId, long unitId, Instant at, BigDecimal value) {
    }

    /** The schemes, as {@link #put} needs them; read before the writing transaction opens. */
    public Uni<List<SchemeHistory>> schemes() {
        return inputs.schemes();
    }

    /**
     * Writes the samples over the caller's transaction and refreshes the inputs of every scheme source on their
     * figures, in the periods of the samples as they were and as they are. Unlike an evaluation, a case's sample may
     * fall in a closed period: its inputs are kept, but the closed board reads its closing's copy until reopened.
     */
    public Uni<Void> put(SqlClient connection, List<SchemeHistory> schemes, List<Sample> samples) {
        if (samples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.putSamples(connection, samples)
                .flatMap(touches -> inputs.refreshFigures(connection, schemes, touches));
    }
}
