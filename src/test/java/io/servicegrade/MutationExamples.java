package io.servicegrade;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.servicegrade.scheme.SchemeStandingsTest;
import io.servicegrade.scheme.SchemeVersionsTest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The example mutations of graphql/operations/mutations-*.graphql, as {@link GraphqlOperationsTest} runs them on the
 * demo server: each on data of its own (a fresh unit, rubric, scheme, agency or key), so that running them again,
 * on a kept database too, does what it did the first time, and the demo's own data stays as it was.
 */
final class MutationExamples {

    private MutationExamples() {
    }

    /** The files: one per mutation. */
    static final List<String> FILES = List.of("mutations-post-evaluations.graphql",
            "mutations-revise-evaluation.graphql", "mutations-void-evaluation.graphql",
            "mutations-upsert-units.graphql", "mutations-update-unit.graphql", "mutations-put-rubric.graphql",
            "mutations-put-scheme.graphql", "mutations-publish-period.graphql", "mutations-create-agency.graphql",
            "mutations-rotate-agency-key.graphql", "mutations-create-api-key.graphql",
            "mutations-revoke-api-key.graphql", "mutations-update-agency.graphql",
            "mutations-recompute-standings.graphql", "mutations-create-account.graphql",
            "mutations-update-account.graphql", "mutations-reset-password.graphql",
            "mutations-create-token.graphql", "mutations-revoke-token.graphql");

    /**
     * One example: its variables, what its answer must show, and the credential it is sent with: the admin key,
     * or, for the mutations of a person's own tokens, {@code token}, a person's personal access token.
     */
    record Example(Map<String, Object> variables, Consumer<ValidatableResponse> shows, String token) {
        Example(Map<String, Object> variables, Consumer<ValidatableResponse> shows) {
            this(variables, shows, null);
        }

        /** The request, with the example's credential. */
        io.restassured.specification.RequestSpecification request() {
            return token == null ? asAdmin()
                    : io.restassured.RestAssured.given().header("Authorization", "Bearer " + token);
        }
    }

    static Map<String, Example> examples() {
        Map<String, Example> all = new HashMap<>();
        String window = TestApi.window();
        String p = freshPrefix();

        List<Map<String, Object>> answers = List.of(
                Map.of("item", "q.overall", "responses", List.of(Map.of("level", "satisfied", "count", 3))),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true));
        Map<String, Object> evaluation = Map.of("externalId", p + "-1", "source", "survey", "unit", window,
                "rubric", "customer-satisfaction-5", "conductedAt", "2025-10-15T10:30:00+08:00", "answers", answers);
        all.put("mutations-post-evaluations.graphql", new Example(
                Map.of("key", p, "input", Map.of("evaluations", List.of(evaluation))),
                r -> r.body("data.postEvaluations.evaluations.outcome", contains("created"))
                        .body("data.postEvaluations.userErrors", hasSize(0))));

        all.put("mutations-revise-evaluation.graphql", new Example(
                Map.of("id", posted(window, p + "-2"), "reason", "录入错误 typo",
                        "input", Map.of("answers", List.of(Map.of("item", "q.overall",
                                "responses", List.of(Map.of("level", "very-satisfied", "count", 2))),
                                answers.get(1), answers.get(2), answers.get(3), answers.get(4)))),
                r -> r.body("data.reviseEvaluation.evaluation.revision", equalTo(2))
                        .body("data.reviseEvaluation.evaluation.history.kind", contains("CREATED", "REVISED"))));
        all.put("mutations-void-evaluation.graphql", new Example(
                Map.of("id", posted(window, p + "-3"), "reason", "重复提交 duplicate"),
                r -> r.body("data.voidEvaluation.evaluation.status", equalTo("VOIDED"))));

        all.put("mutations-upsert-units.graphql", new Example(
                Map.of("input", List.of(Map.of("code", p + ".N", "name", "新支局", "kind", "outlet",
                        "parent", window.substring(0, window.lastIndexOf('.'))))),
                r -> r.body("data.upsertUnits.created", equalTo(1))
                        .body("data.upsertUnits.units[0].parent.code", notNullValue())));
        all.put("mutations-update-unit.graphql", new Example(
                Map.of("code", window, "input", Map.of("name", "窗口（更名） renamed")),
                r -> r.body("data.updateUnit.unit.name", equalTo("窗口（更名） renamed"))));

        String rubric = p.toLowerCase() + "-rubric";
        all.put("mutations-put-rubric.graphql", new Example(
                Map.of("key", rubric, "lang", "zh-CN", "document", """
                        {"key": "%s", "name": {"zh-CN": "测试标准", "en": "Test rubric"}, "total": 10,
                         "sections": [{"key": "main", "name": {"zh-CN": "主要", "en": "Main"}, "points": 10,
                           "items": [{"key": "clean", "name": {"zh-CN": "整洁", "en": "Clean"}, "points": 10,
                                      "rule": {"kind": "deduction", "perViolation": 1}}]}]}
                        """.formatted(rubric)),
                r -> r.body("data.putRubric.created", equalTo(true)).body("data.putRubric.rubric.name",
                        equalTo("测试标准"))));

        String schemeRubric = p.toLowerCase() + "-scheme-rubric";
        SchemeStandingsTest.rubric(schemeRubric);
        all.put("mutations-put-scheme.graphql", new Example(
                Map.of("key", p.toLowerCase() + "-scheme", "document",
                        SchemeVersionsTest.scheme(schemeRubric, "2023-01-01", "90", "quarter", "Asia/Shanghai")),
                r -> r.body("data.putScheme.created", equalTo(true)).body("data.putScheme.scheme.version",
                        equalTo(1))));

        SchemeVersionsTest.Setup setup = SchemeVersionsTest.Setup.of(1);
        SchemeVersionsTest.post(List.of(SchemeStandingsTest.evaluation(setup.region() + "-i", "inspection",
                setup.region() + ".W1", setup.rubric(), "2023-05-10T10:00:00+08:00", 88, true)));
        all.put("mutations-publish-period.graphql", new Example(
                Map.of("scheme", setup.scheme(), "period", "2023-Q2"),
                r -> r.body("data.publishPeriod.period.schemeVersion", equalTo(1))
                        .body("data.publishPeriod.period.state", equalTo("PUBLISHED"))));

        all.put("mutations-create-agency.graphql", new Example(
                Map.of("input", Map.of("code", p, "name", "某某测评公司", "sources", List.of("survey"))),
                r -> r.body("data.createAgency.agency.code", equalTo(p))
                        .body("data.createAgency.key.secret", notNullValue())));
        String rotated = freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(Map.of("code", rotated, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201);
        all.put("mutations-rotate-agency-key.graphql", new Example(Map.of("code", rotated),
                r -> r.body("data.rotateAgencyKey.key.secret", notNullValue())));

        String updated = freshPrefix();
        asAdmin().contentType(ContentType.JSON).body(Map.of("code", updated, "name", "测评公司"))
                .post("/api/v1/agencies").then().statusCode(201);
        all.put("mutations-update-agency.graphql", new Example(Map.of("code", updated,
                "input", Map.of("name", "某某测评公司", "sources", List.of("survey"))),
                r -> r.body("data.updateAgency.agency.name", equalTo("某某测评公司"))
                        .body("data.updateAgency.agency.sources", contains("survey"))));
        all.put("mutations-recompute-standings.graphql", new Example(Map.of("scheme", setup.scheme()),
                r -> r.body("data.recomputeStandings.recomputed", equalTo(true))
                        .body("data.recomputeStandings.scheme.key", equalTo(setup.scheme()))));

        all.put("mutations-create-api-key.graphql", new Example(Map.of("name", "前端团队 frontend " + p),
                r -> r.body("data.createApiKey.key.secret", notNullValue())));
        Integer revoked = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "to revoke " + p))
                .post("/api/v1/admin/keys").then().statusCode(201).extract().path("id");
        all.put("mutations-revoke-api-key.graphql", new Example(Map.of("id", revoked.toString()),
                r -> r.body("data.revokeApiKey.key.revokedAt", notNullValue())));
        String login = p.toLowerCase(java.util.Locale.ROOT);
        all.put("mutations-create-account.graphql", new Example(Map.of("input", Map.of("login", login + ".new",
                "displayName", "王五", "roles", List.of("manager"), "scope", List.of(window))),
                r -> r.body("data.createAccount.account.scope", contains(window))
                        .body("data.createAccount.password", notNullValue())));
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login + ".upd", "displayName", "赵六",
                "roles", List.of("manager"), "scope", List.of(window))).post("/api/v1/admin/accounts").then()
                .statusCode(201);
        all.put("mutations-update-account.graphql", new Example(Map.of("login", login + ".upd",
                "input", Map.of("roles", List.of("analyst"), "scope", List.of())),
                r -> r.body("data.updateAccount.account.roles.key", contains("analyst"))
                        .body("data.updateAccount.account.scope", org.hamcrest.Matchers.empty())));

        // a person's password, set by an administrator (the admin key), then signed in with over REST
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login + ".pw", "displayName", "孙七",
                "roles", List.of("viewer"), "scope", List.of(window))).post("/api/v1/admin/accounts").then()
                .statusCode(201);
        all.put("mutations-reset-password.graphql", new Example(Map.of("login", login + ".pw"),
                r -> r.body("data.resetPassword.account.login", equalTo(login + ".pw"))
                        .body("data.resetPassword.password", notNullValue())));
        // a person's own tokens: made and revoked with a token of the person's, never with the admin key
        asAdmin().contentType(ContentType.JSON).body(Map.of("login", login + ".tok", "displayName", "周八",
                "password", PERSON_PASSWORD, "roles", List.of("analyst"))).post("/api/v1/admin/accounts").then()
                .statusCode(201);
        String person = signIn(login + ".tok").path("token");
        all.put("mutations-create-token.graphql", new Example(Map.of("name", "前端 frontend " + p,
                "expiresInDays", 30), r -> r.body("data.createToken.token.secret", notNullValue())
                        .body("data.createToken.token.name", equalTo("前端 frontend " + p)), person));
        Integer other = signIn(login + ".tok").path("id");
        all.put("mutations-revoke-token.graphql", new Example(Map.of("id", other.toString()),
                r -> r.body("data.revokeToken.token.id", equalTo(other.toString()))
                        .body("data.revokeToken.token.revokedAt", notNullValue()), person));
        return all;
    }

    private static final String PERSON_PASSWORD = "correct horse battery";

    /** A sign-in of {@code login} over REST: its answer, with the token's id and secret. */
    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> signIn(
            String login) {
        return io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("login", login,
                "password", PERSON_PASSWORD, "name", "operations example")).post("/api/v1/auth/tokens").then()
                .statusCode(201).extract();
    }

    /** A questionnaire posted over REST on {@code window}; answers its id. */
    private static String posted(String window, String externalId) {
        Map<String, Object> evaluation = new HashMap<>(Map.of("externalId", externalId, "source", "survey",
                "unit", window, "rubric", "customer-satisfaction-5", "conductedAt", "2025-10-15T10:30:00+08:00",
                "answers", List.of(Map.of("item", "q.overall", "responses", Map.of("satisfied", 1)),
                        Map.of("item", "q.attitude", "notApplicable", true),
                        Map.of("item", "q.efficiency", "notApplicable", true),
                        Map.of("item", "q.environment", "notApplicable", true),
                        Map.of("item", "q.competence", "notApplicable", true))));
        Integer id = asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(evaluation)))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations[0].id");
        return id.toString();
    }
}
