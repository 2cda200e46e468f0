package io.servicegrade.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.servicegrade.platform.database.DatabaseOwner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.platform.security.ScopeFixtures.account;
import static io.servicegrade.platform.security.ScopeFixtures.as;
import static io.servicegrade.platform.security.ScopeFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a key or token stands for is kept in memory (issue 16: authentication costs no query per request;
 * {@link IdentityCache}). Each test uses a credential first, so its answer is kept, then changes what it stands for
 * through the API and finds the change in force on the very next request; and what the database announces (as
 * another instance's change is heard) is heard.
 */
@QuarkusTest
class IdentityCacheTest {

    private static final String READ = "/api/v1/evaluations?first=1";

    /** Sends {@code request} twice (the second is answered from memory) and answers the second's status. */
    private static int kept(IntSupplier request) {
        request.getAsInt();
        return request.getAsInt();
    }

    private static void patchAccount(String login, Map<String, Object> change) {
        asAdmin().contentType(ContentType.JSON).body(change).patch("/api/v1/admin/accounts/{login}", login).then()
                .statusCode(200);
    }

    @Test
    void anAccountsRolesDisablingAndPasswordResetCountFromTheNextRequest() {
        String login = account(List.of("analyst"), List.of(), Map.of());
        String token = token(login);
        assertThat(kept(() -> as(token).get(READ).statusCode())).isEqualTo(200);
        // an analyst made a viewer reads boards only: evaluations are refused at once
        patchAccount(login, Map.of("roles", List.of("viewer"), "scope", List.of(TestApi.window())));
        assertThat(as(token).get(READ).statusCode()).isEqualTo(403);

        patchAccount(login, Map.of("roles", List.of("analyst"), "scope", List.of()));
        assertThat(kept(() -> as(token).get(READ).statusCode())).isEqualTo(200);
        patchAccount(login, Map.of("disabled", true));
        assertThat(as(token).get(READ).statusCode()).isEqualTo(401);

        patchAccount(login, Map.of("disabled", false));
        String second = token(login);
        assertThat(kept(() -> as(second).get(READ).statusCode())).isEqualTo(200);
        asAdmin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/admin/accounts/{login}/password", login).then().statusCode(200);
        assertThat(as(second).get(READ).statusCode()).isEqualTo(401);
    }

    @Test
    void aManagersScopeChangeCountsFromTheNextRequest() {
        ScopeAccessTest.World w = ScopeAccessTest.World.make();
        String login = account(List.of("manager"), List.of(w.p() + ".A"), Map.of());
        String token = token(login);
        String sheet = "/api/v1/evaluations/" + w.of(".A.W1");
        assertThat(kept(() -> as(token).get(sheet).statusCode())).isEqualTo(200);
        ScopeFixtures.rescope(login, List.of(w.p() + ".B"));
        // outside the new scope: as if it did not exist
        assertThat(as(token).get(sheet).statusCode()).isEqualTo(404);
        assertThat(as(token).get("/api/v1/evaluations/" + w.of(".B.W1")).statusCode()).isEqualTo(200);
    }

    @Test
    void anAgencyRetiredOrItsKeyRotatedStopsItsKeysAtOnce() {
        String code = TestApi.freshPrefix();
        String key = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
        assertThat(kept(() -> given().header("X-Api-Key", key).get(READ).statusCode())).isEqualTo(200);
        String rotated = asAdmin().post("/api/v1/agencies/{code}/keys", code).then().statusCode(201)
                .extract().path("key");
        assertThat(given().header("X-Api-Key", key).get(READ).statusCode()).isEqualTo(401);

        assertThat(kept(() -> given().header("X-Api-Key", rotated).get(READ).statusCode())).isEqualTo(200);
        asAdmin().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/v1/agencies/{code}", code)
                .then().statusCode(200);
        assertThat(given().header("X-Api-Key", rotated).get(READ).statusCode()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenOrAdminKeyIsRefusedOnTheNextRequest() {
        String token = token(account(List.of("analyst"), List.of(), Map.of()));
        assertThat(kept(() -> as(token).get("/api/v1/me").statusCode())).isEqualTo(200);
        List<Integer> ids = as(token).get("/api/v1/me/tokens").path("id");
        for (int id : ids) {
            as(token).delete("/api/v1/me/tokens/{id}", id).then().statusCode(200);
        }
        assertThat(as(token).get("/api/v1/me").statusCode()).isEqualTo(401);

        Map<String, Object> created = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "kept then revoked " + TestApi.freshPrefix())).post("/api/v1/admin/keys").then()
                .statusCode(201).extract().path("$");
        String admin = (String) created.get("key");
        int id = (Integer) created.get("id");
        assertThat(kept(() -> given().header("X-Api-Key", admin).get("/api/v1/admin/keys").statusCode()))
                .isEqualTo(200);
        asAdmin().delete("/api/v1/admin/keys/{id}", id).then().statusCode(200);
        assertThat(given().header("X-Api-Key", admin).get("/api/v1/admin/keys").statusCode()).isEqualTo(401);
    }

    /**
     * The answer is kept: a key revoked in the database with the announcement held back still works (no query was
     * made for it); once the announcement arrives, as another instance's change would, it is refused.
     */
    @Test
    void aKeptAnswerIsForgottenWhenTheDatabaseAnnouncesAChange() {
        String code = TestApi.freshPrefix();
        String key = asAdmin().contentType(ContentType.JSON).body(Map.of("code", code, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201).extract().path("key");
        assertThat(kept(() -> given().header("X-Api-Key", key).get(READ).statusCode())).isEqualTo(200);
        DatabaseOwner.execute("""
                BEGIN;
                ALTER TABLE agency DISABLE TRIGGER agency_identity_changed;
                UPDATE agency SET active = false WHERE code = '%s';
                ALTER TABLE agency ENABLE TRIGGER agency_identity_changed;
                COMMIT;""".formatted(code));
        assertThat(given().header("X-Api-Key", key).get(READ).statusCode()).as("kept, unannounced").isEqualTo(200);

        DatabaseOwner.execute("SELECT pg_notify('servicegrade_identity', '')");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = given().header("X-Api-Key", key).get(READ).statusCode();
        }
        assertThat(status).as("after the announcement").isEqualTo(401);
    }
}
