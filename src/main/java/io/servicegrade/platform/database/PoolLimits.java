package io.servicegrade.platform.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the datasource's pool with bounded waiting: a request waits at most {@code servicegrade.overload.wait}
 * for a connection (Vert.x's default is 30 s), and at most {@code servicegrade.overload.pool-queue} requests wait
 * at once. Past either bound the pool refuses, and the refusal is answered 503 with {@code Retry-After}
 * ({@link Overload#isPoolExhausted}), never 500 after a timeout.
 */
@ApplicationScoped
public class PoolLimits implements PgPoolCreator {

    @Inject
    ServiceGradeConfig config;

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions());
        options.setConnectionTimeout((int) Math.max(1, config.overload().maxWait().toMillis()));
        options.setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        options.setMaxWaitQueueSize(config.overload().poolQueue());
        List<SqlConnectOptions> servers = new ArrayList<>(input.pgConnectOptionsList());
        return PgBuilder.pool().with(options).connectingTo(servers).using(input.vertx()).build();
    }
}
