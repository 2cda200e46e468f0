package io.servicegrade.standing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.function.Function;

/**
 * What publishing a period also writes (issue 18: the nominations proposed at publication), defined here and
 * implemented by the feature that owns it, so that standing/ never imports it. {@link #prepare} runs before the
 * publishing transaction (it may read boards over the pool); the function it gives writes within that transaction,
 * over its connection only.
 */
public interface PublicationStep {

    Uni<Function<SqlConnection, Uni<Void>>> prepare(String schemeKey, String periodId);
}
