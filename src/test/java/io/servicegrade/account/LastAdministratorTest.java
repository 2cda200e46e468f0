package io.servicegrade.account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.AtOnce;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.servicegrade.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 16, point 6 (the first slice's gap): the last active administrator account can be neither disabled nor
 * demoted (409), also when two administrators demote or disable each other at the same moment: one always remains.
 * The admin key is not an account and does not count. The test first disables every other active administrator
 * account (the suite's classes run one after another) and enables them again at the end.
 */
@QuarkusTest
class LastAdministratorTest {

    private static final String PASSWORD = "correct horse battery";

    private static String administrator() {
        String login = TestApi.freshPrefix().toLowerCase(Locale.ROOT);
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "displayName", "管理员 " + login,
                "password", PASSWORD, "roles", List.of("administrator"))).post("/api/v1/admin/accounts")
                .then().statusCode(201);
        return login;
    }

    private static Response patch(String login, Map<String, Object> change) {
        return asAdmin().contentType(ContentType.JSON).body(change).patch("/api/v1/admin/accounts/{login}", login);
    }

    /** The logins of the active administrator accounts. */
    private static List<String> activeAdministrators() {
        List<Map<String, Object>> all = asAdmin().get("/api/v1/admin/accounts").then().statusCode(200).extract()
                .jsonPath().getList("$");
        List<String> logins = new ArrayList<>();
        for (Map<String, Object> account : all) {
            if (!Boolean.TRUE.equals(account.get("disabled"))
                    && ((List<?>) account.get("roles")).contains("administrator")) {
                logins.add((String) account.get("login"));
            }
        }
        return logins;
    }

    @Test
    void theLastActiveAdministratorIsNeitherDisabledNorDemotedEvenWhenTwoRemoveEachOtherAtOnce() throws Exception {
        String first = administrator();
        String second = administrator();
        List<String> others = activeAdministrators().stream().filter(l -> !l.equals(first) && !l.equals(second))
                .toList();
        try {
            for (String other : others) {
                patch(other, Map.of("disabled", true)).then().statusCode(200);
            }
            assertThat(activeAdministrators()).containsExactlyInAnyOrder(first, second);

            // rounds of two administrators taking the role from each other at once: one change wins, one is refused
            String kept = null;
            for (int round = 0; round < 4; round++) {
                String a = round == 0 ? first : kept;
                String b = round == 0 ? second : administrator();
                Map<String, Object> change = round % 2 == 0 ? Map.of("roles", List.of("analyst"))
                        : Map.of("disabled", true);
                List<Callable<Integer>> calls = List.of(() -> patch(a, change).statusCode(),
                        () -> patch(b, change).statusCode());
                List<Integer> codes = AtOnce.run(calls).stream().map(AtOnce.Call::value).toList();
                assertThat(codes).as("round " + round).containsExactlyInAnyOrder(200, 409);
                kept = codes.get(0) == 409 ? a : b;
                assertThat(activeAdministrators()).as("round " + round).containsExactly(kept);
            }

            String last = kept;
            patch(last, Map.of("disabled", true)).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:servicegrade:problem:last-administrator"));
            patch(last, Map.of("roles", List.of("manager"), "scope", List.of("nowhere"))).then().statusCode(422);
            patch(last, Map.of("roles", List.of("analyst"))).then().statusCode(409);
            // a refused change changed nothing; changes that take nothing away still work
            patch(last, Map.of("displayName", "仍是管理员")).then().statusCode(200)
                    .body("roles", org.hamcrest.Matchers.contains("administrator")).body("disabled", equalTo(false));
            assertThat(activeAdministrators()).containsExactly(last);
        } finally {
            for (String other : others) {
                patch(other, Map.of("disabled", false));
            }
        }
    }
}
