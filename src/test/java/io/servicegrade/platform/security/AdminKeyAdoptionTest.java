package io.servicegrade.platform.security;

import io.servicegrade.platform.database.DatabaseOwner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.servicegrade.AtOnce;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The operator's admin key (a Kubernetes Secret) is stored once, however many instances start with it at once. */
@QuarkusTest
class AdminKeyAdoptionTest {

    @Inject
    ApiKeyService keys;

    @Inject
    Pool pool;

    @Test
    void twoInstancesAdoptingOneKeyAtOnceStoreItOnceAndNeitherFails() throws Exception {
        String secret = "sg_configured_" + UUID.randomUUID().toString().replace("-", "");
        String hash = ApiKeyService.hash(secret);
        String name = "slow_" + hash.substring(0, 16);
        // The first insert waits half a second inside its transaction: the second adoption finds no key yet,
        // inserts too and meets the unique index on the hash.
        run("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.5);"
                + " RETURN NEW; END $$");
        List<AtOnce.Call<Boolean>> calls;
        try {
            run("CREATE TRIGGER " + name + " BEFORE INSERT ON api_key FOR EACH ROW WHEN (NEW.hash = '" + hash
                    + "') EXECUTE FUNCTION " + name + "()");
            Callable<Boolean> adopt = () -> adopt(secret);
            calls = AtOnce.run(List.of(adopt, adopt));
        } finally {
            run("DROP TRIGGER IF EXISTS " + name + " ON api_key");
            run("DROP FUNCTION IF EXISTS " + name + "()");
        }

        assertThat(AtOnce.mostInFlight(calls)).isEqualTo(2);
        assertThat(calls.stream().map(AtOnce.Call::value).sorted().toList()).containsExactly(false, true);
        assertThat(pool.query("SELECT count(*) FROM api_key WHERE hash = '" + hash + "'").execute().await()
                .indefinitely().iterator().next().getLong(0)).isEqualTo(1);
        // A third start finds it stored, and the key works.
        assertThat(adopt(secret)).isFalse();
        given().header("X-Api-Key", secret).get("/api/v1/admin/keys").then().statusCode(200);
    }

    /** What a starting instance does with its configured key (AdminKeyBootstrap). */
    private boolean adopt(String secret) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> keys.adoptAdminKey(secret));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Runs {@code sql} as the database's owner: the application's role may not make triggers. */
    private void run(String sql) {
        DatabaseOwner.execute(sql);
    }
}
