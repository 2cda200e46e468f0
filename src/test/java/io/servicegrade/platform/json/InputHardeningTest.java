package io.servicegrade.platform.json;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.HeadersOnly;
import io.servicegrade.HeadersOnly.Answer;
import io.servicegrade.TestApi;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

/**
 * The input findings of the security assessment (issue 14) stay closed: texts with control characters, JSON that
 * is not one strict document, numbers without bounds, bodies larger than what they carry, and filters that name
 * nothing are refused with a problem naming the place, and nothing is stored.
 */
@QuarkusTest
class InputHardeningTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URI server;

    /** A satisfaction questionnaire on {@code unit} (the demo rubric), conducted on a fixed past date. */
    private static Map<String, Object> survey(String unit, String externalId) {
        Map<String, Object> evaluation = new HashMap<>();
        evaluation.put("externalId", externalId);
        evaluation.put("source", "survey");
        evaluation.put("unit", unit);
        evaluation.put("rubric", "customer-satisfaction-5");
        evaluation.put("conductedAt", "2025-10-15T10:30:00+08:00");
        evaluation.put("answers", List.of(
                Map.of("item", "q.overall", "responses", Map.of("satisfied", 1)),
                Map.of("item", "q.attitude", "notApplicable", true),
                Map.of("item", "q.efficiency", "notApplicable", true),
                Map.of("item", "q.environment", "notApplicable", true),
                Map.of("item", "q.competence", "notApplicable", true)));
        return evaluation;
    }

    private static long evaluationsWithExternalId(String agencyKey, String externalId) {
        return given().header("X-Api-Key", agencyKey).get("/api/v1/evaluations").then().statusCode(200)
                .extract().<List<String>>path("items.externalId").stream().filter(externalId::equals).count();
    }

    /** Low: NUL byte in text inputs (unit name): refused with its pointer, the unit not stored, JSON and CSV. */
    @Test
    void aControlCharacterInAUnitNameIsRefusedWithItsPointerAndNothingIsStored() {
        String p = freshPrefix();
        asAdmin().contentType(ContentType.JSON)
                .body("[{\"code\": \"" + p + "\", \"name\": \"支局\\u0000x\", \"kind\": \"outlet\"}]")
                .put("/api/v1/units").then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/0/name"))
                .body("errors[0].message", containsString("U+0000"));
        // a name is one line: a tab or a line break is refused too (a comment may hold them, below)
        asAdmin().contentType(ContentType.JSON)
                .body(List.of(Map.of("code", p, "name", "支局\n第二行", "kind", "outlet")))
                .put("/api/v1/units").then().statusCode(422).body("errors.pointer", contains("/0/name"));
        asAdmin().contentType("text/csv").body("code,name,kind\n" + p + ",\"支\u0001局\",outlet\n")
                .put("/api/v1/units").then().statusCode(422).body("errors.pointer", contains("/0/name"));
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
    }

    /**
     * Low: NUL byte in text inputs (evaluation comment): refused with its pointer and nothing stored, where a
     * comment's line breaks are accepted; a one-line field (the evaluator) takes no tab.
     */
    @Test
    void aControlCharacterInAnEvaluationIsRefusedWhereLineBreaksInACommentAreNot() {
        String key = TestApi.agency(null);
        String w = TestApi.window();
        String p = freshPrefix();
        Map<String, Object> bad = survey(w, p);
        bad.put("comment", "good\u0000");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(bad)))
                .post("/api/v1/evaluations").then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/evaluations/0/comment"));
        Map<String, Object> tabbed = survey(w, p);
        tabbed.put("evaluator", "调查员\t07");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(tabbed)))
                .post("/api/v1/evaluations").then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/evaluations/0/evaluator"));
        assertThat(evaluationsWithExternalId(key, p)).isZero();

        Map<String, Object> good = survey(w, p);
        good.put("comment", "第一行\n\tsecond line");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("evaluations", List.of(good)))
                .post("/api/v1/evaluations").then().statusCode(201);
        assertThat(evaluationsWithExternalId(key, p)).isEqualTo(1);
    }

    /** Low: NUL byte in text inputs (revision and void reasons): refused with the pointer, no revision stored. */
    @Test
    void aControlCharacterInARevisionReasonIsRefusedAndNoRevisionIsStored() {
        String key = TestApi.agency(null);
        long id = given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("evaluations", List.of(survey(TestApi.window(), freshPrefix()))))
                .post("/api/v1/evaluations").then().statusCode(201).extract().<Integer>path("evaluations[0].id");
        given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("reason", "复核\u0000", "comment", "x"))
                .post("/api/v1/evaluations/{id}/revisions", id).then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/reason"));
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "\u001b[31m"))
                .post("/api/v1/evaluations/{id}/void", id).then().statusCode(422)
                .body("errors.pointer", contains("/reason"));
        given().header("X-Api-Key", key).get("/api/v1/evaluations/{id}", id).then().statusCode(200)
                .body("revision", equalTo(1)).body("status", equalTo("active"));
    }

    /** Low: NUL byte in query and path parameters answered 500: refused with the parameter's name. */
    @Test
    void aControlCharacterInAQueryOrPathParameterIsRefusedByName() {
        given().queryParam("serviceLine", "postal\u0000").get("/api/v1/units").then().statusCode(422)
                .contentType(PROBLEM).body("errors.pointer", contains("/serviceLine"))
                .body("errors.field", contains("serviceLine"));
        given().urlEncodingEnabled(false).get("/api/v1/units/SZ%00X").then().statusCode(422)
                .contentType(PROBLEM).body("errors.pointer", contains("/code"));
        String key = TestApi.agency(null);
        given().header("X-Api-Key", key).queryParam("source", "survey\u0007").get("/api/v1/evaluations").then()
                .statusCode(422).body("errors.pointer", contains("/source"));
    }

    /** Low: JSON with trailing garbage was accepted and stored: refused with 400, nothing stored. */
    @Test
    void aBodyWithTrailingGarbageIsRefusedAndNothingIsStored() {
        String p = freshPrefix();
        asAdmin().contentType(ContentType.JSON)
                .body("[{\"code\": \"" + p + "\", \"name\": \"支局\", \"kind\": \"outlet\"}] trailing")
                .put("/api/v1/units").then().statusCode(400).contentType(PROBLEM)
                .body("type", containsString("malformed-body"));
        asAdmin().contentType(ContentType.JSON)
                .body("[{\"code\": \"" + p + "\", \"name\": \"支局\", \"kind\": \"outlet\"}][]")
                .put("/api/v1/units").then().statusCode(400);
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
    }

    /**
     * Low: a units CSV with a byte that is not UTF-8 was decoded with a replacement character and stored: refused
     * with 400, nothing stored; the same file in UTF-8 (with a byte order mark, as Excel saves it) is taken.
     */
    @Test
    void aUnitsCsvThatIsNotUtf8IsRefusedAndNothingIsStored() {
        String p = freshPrefix();
        byte[] good = ("\uFEFFcode,name,kind\n" + p + ",支局,outlet\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length);
        bad[bad.length - 9] = (byte) 0xC3; // a lead byte followed by ',' : not UTF-8
        asAdmin().contentType("text/csv").body(bad).put("/api/v1/units").then().statusCode(400)
                .contentType(PROBLEM).body("type", containsString("malformed-body"));
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
        asAdmin().contentType("text/csv").body(good).put("/api/v1/units").then().statusCode(200)
                .body("created", equalTo(1));
        given().get("/api/v1/units/{code}", p).then().statusCode(200).body("name", equalTo("支局"));
    }

    /** Low: duplicate keys gave 500 on POST /admin/keys: 400, and no key made. */
    @Test
    void duplicateKeysAreRefusedWith400() {
        String name = "dup-" + freshPrefix();
        asAdmin().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"name\": \"other\"}")
                .post("/api/v1/admin/keys").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("name"));
        List<String> names = asAdmin().get("/api/v1/admin/keys").then().statusCode(200).extract().path("name");
        assertThat(names).doesNotContain(name, "other");
        // the same body with one name makes a key; a name with a control character is refused by pointer
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", name + "\u0000"))
                .post("/api/v1/admin/keys").then().statusCode(422).body("errors.pointer", contains("/name"));
        asAdmin().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"x\": 1, \"x\": 2}")
                .post("/api/v1/agencies").then().statusCode(400).contentType(PROBLEM);
    }

    /** Low: unpaired surrogates became '?': the body is refused with 400 naming the place. */
    @Test
    void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() {
        String p = freshPrefix();
        asAdmin().contentType(ContentType.JSON)
                .body("[{\"code\": \"" + p + "\", \"name\": \"支局\\ud800\", \"kind\": \"outlet\"}]")
                .put("/api/v1/units").then().statusCode(400).contentType(PROBLEM)
                .body("errors.pointer", contains("/0/name"));
        given().get("/api/v1/units/{code}", p).then().statusCode(404);
        // a pair is a character like any other
        asAdmin().contentType(ContentType.JSON)
                .body("[{\"code\": \"" + p + "\", \"name\": \"支局\\ud83d\\ude00\", \"kind\": \"outlet\"}]")
                .put("/api/v1/units").then().statusCode(200);
        given().get("/api/v1/units/{code}", p).then().statusCode(200).body("name", equalTo("支局\uD83D\uDE00"));
    }

    /**
     * Low: timing seconds accepted 1e309: a number out of bounds is refused with its pointer, before any
     * arithmetic (1e1000000000 in a rubric is refused as fast).
     */
    @Test
    void aNumberOutOfBoundsIsRefusedWithItsPointer() {
        String answers = "{\"answers\": [{\"item\": \"eti.protocol\", \"violations\": 0, \"observations\": "
                + "[{\"limit\": \"waiting\", \"seconds\": 1e309}]}]}";
        asAdmin().contentType(ContentType.JSON).body(answers)
                .post("/api/v1/rubrics/postal-counter-model-window/score").then().statusCode(422)
                .contentType(PROBLEM).body("errors.pointer", contains("/answers/0/observations/0/seconds"));
        String key = "r-" + freshPrefix().toLowerCase();
        long started = System.nanoTime();
        asAdmin().contentType(ContentType.JSON).body("{\"key\": \"" + key + "\", \"name\": {\"zh-CN\": \"x\", "
                        + "\"en\": \"x\"}, \"total\": 1e1000000000, \"sections\": []}")
                .put("/api/v1/rubrics/{key}", key).then().statusCode(422)
                .body("errors.pointer", hasItem("/total"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
        given().get("/api/v1/rubrics/{key}", key).then().statusCode(404);
    }

    /**
     * Low: a YAML body's scalar was parsed in quadratic time on the event loop: a 2 MB rubric is refused with
     * 413 before a byte of it is read (a rubric has no reason to exceed 1 MB), JSON and YAML alike.
     */
    @Test
    void aTwoMegabyteRubricIsRefusedWith413BeforeItIsRead() throws Exception {
        String key = "r-" + freshPrefix().toLowerCase();
        long twoMegabytes = 2L * 1024 * 1024;
        long started = System.nanoTime();
        Answer yaml = headersOnly("PUT", "/api/v1/rubrics/" + key, "application/yaml", twoMegabytes);
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
        assertThat(yaml.status()).isEqualTo(413);
        assertThat(yaml.headers()).containsEntry("content-type", PROBLEM);
        assertThat(yaml.body()).contains("\"status\":413");
        assertThat(headersOnly("PUT", "/api/v1/schemes/" + key, "application/json", twoMegabytes).status())
                .isEqualTo(413);
        given().get("/api/v1/rubrics/{key}", key).then().statusCode(404);
    }

    /** Sends only the request line and headers (admin key, {@code Content-Length: length}) and reads the answer. */
    private Answer headersOnly(String method, String path, String contentType, long length) throws Exception {
        return HeadersOnly.send(server, method, path, TestApi.adminKey(), contentType, length);
    }

    /** Low: a YAML alias bomb and a second document are refused, not expanded or ignored. */
    @Test
    void yamlAliasesAndSecondDocumentsAreBounded() {
        String key = "r-" + freshPrefix().toLowerCase();
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        long started = System.nanoTime();
        // Jackson reads an alias as its anchor's name, never as a copy: refused as a rubric, not expanded
        asAdmin().contentType("application/yaml").body(bomb.toString().getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/rubrics/{key}", key).then().statusCode(oneOf(400, 422)).contentType(PROBLEM);
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
        asAdmin().contentType("application/yaml")
                .body(("key: " + key + "\n---\nkey: other\n").getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/rubrics/{key}", key).then().statusCode(400).contentType(PROBLEM);
    }

    /**
     * Low: an unknown standings kind silently returned the window board (and an unknown area nothing): refused,
     * naming the kinds there are, over REST and GraphQL; the units list refuses an unknown area, the
     * evaluations list an unknown source.
     */
    @Test
    void anUnknownStandingsFilterIsRefusedWithTheValuesItMayTake() {
        String standings = "/api/v1/schemes/create-satisfied-windows/standings";
        given().queryParam("period", "2023-Q2").queryParam("kind", "BRANCH").get(standings).then()
                .statusCode(422).contentType(PROBLEM).body("errors.pointer", contains("/kind"))
                .body("errors[0].message", containsString("window"));
        given().queryParam("period", "2023-Q2").queryParam("kind", "moon").get(standings).then()
                .statusCode(422).body("errors.pointer", contains("/kind"))
                .body("errors[0].message", containsString("outlet"));
        given().queryParam("period", "2023-Q2").queryParam("area", "moon").get(standings).then()
                .statusCode(422).body("errors.pointer", contains("/area"));
        given().queryParam("period", "2023-Q2").queryParam("format", "xls").get(standings).then()
                .statusCode(422).body("errors.pointer", contains("/format"));
        given().queryParam("period", "2023-Q2").queryParam("kind", "window").get(standings).then()
                .statusCode(200);
        given().queryParam("area", "moon").get("/api/v1/units").then().statusCode(422)
                .body("errors.pointer", contains("/area"));
        asAdmin().queryParam("source", "rumour").get("/api/v1/evaluations").then().statusCode(422)
                .body("errors.pointer", contains("/source")).body("errors[0].message", containsString("survey"));

        String query = """
                query($kind: String) {
                  standings(scheme: "create-satisfied-windows", period: "2023-Q2", kind: $kind) { totalCount }
                }""";
        given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", Map.of("kind", "BRANCH")))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].message", containsString("kind"))
                .body("errors[0].message", containsString("window"));
        given().contentType(ContentType.JSON).body(Map.of("query",
                        "{ units(area: \"moon\") { edges { node { code } } } }"))
                .post("/graphql").then().statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("area"));
    }
}
