package io.servicegrade.standing;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.servicegrade.platform.database.DatabaseOwner;
import io.servicegrade.platform.database.Notifications;
import io.servicegrade.platform.graphql.KeptRoots;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeStandingsTest.rubric;
import static io.servicegrade.scheme.SchemeStandingsTest.scheme;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: a standings answer is kept by its boards' stamps and given again, byte for byte, without executing the
 * operation, while nothing it depends on changed ({@code platform/graphql/KeptAnswers}, {@link KeptStandings}).
 * Each answer this concerns says in {@code Cache-Status} whether it was kept ({@code hit}) or executed
 * ({@code fwd=miss}).
 */
@QuarkusTest
class KeptStandingsTest {

    static final String PAGE = """
            query Page($scheme: String!, $under: String, $lang: String) {
              standings(scheme: $scheme, period: "2023-Q2", under: $under, first: 50, lang: $lang) {
                totalCount revision pageInfo { endCursor hasNextPage }
                edges { cursor node { id unit { code name parent { code name } } rank value grade { key name }
                  composites { key name value } sources { source value samples } previous { rank value }
                  change aboveParentMean vetoed vetoedById } }
              }
            }
            """;

    @Inject
    StampCache stamps;

    @Inject
    Notifications notifications;

    static final String HIT = "ServiceGrade; hit";
    static final String MISS = "ServiceGrade; fwd=miss";

    /** A region with two windows, each evaluated twice in 2023-Q2; answers the region's code and the scheme. */
    private static String[] board() {
        String p = freshPrefix();
        String rubricKey = p.toLowerCase() + "-rubric";
        String schemeKey = p.toLowerCase() + "-scheme";
        rubric(rubricKey);
        asAdmin().contentType("application/yaml").body(scheme(schemeKey, rubricKey).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/schemes/{key}", schemeKey).then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", p, "name", "区", "kind", "region"),
                Map.of("code", p + ".W1", "name", "窗口1", "kind", "window", "parent", p),
                Map.of("code", p + ".W2", "name", "窗口2", "kind", "window", "parent", p)))
                .put("/api/v1/units").then().statusCode(200);
        post(List.of(evaluation(p + "-1i", "inspection", p + ".W1", rubricKey, AT, 95, true),
                evaluation(p + "-1m", "mystery_shop", p + ".W1", rubricKey, AT, 93, true),
                evaluation(p + "-2i", "inspection", p + ".W2", rubricKey, AT, 80, true),
                evaluation(p + "-2m", "mystery_shop", p + ".W2", rubricKey, AT, 82, true)));
        return new String[] {p, schemeKey, rubricKey};
    }

    /** In 2023-Q2 of the test scheme, a fixed past date. */
    private static final String AT = "2023-05-10T10:00:00+08:00";

    private static void post(List<Map<String, Object>> evaluations) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations)).post("/api/v1/evaluations")
                .then().statusCode(201);
    }

    private static Response page(RequestSpecification request, String scheme, String under, String lang) {
        return request.contentType(ContentType.JSON).body(Map.of("query", PAGE, "operationName", "Page",
                "variables", variables(scheme, under, lang))).post("/graphql");
    }

    private static Map<String, Object> variables(String scheme, String under, String lang) {
        return Map.of("scheme", scheme, "under", under, "lang", lang);
    }

    private static String json(Map<String, Object> value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeptAnswerIsTheFreshExecutionsBytesOverPostAndGetInEachContentType() {
        String[] b = board();
        Response first = page(given(), b[1], b[0], "en");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getList("errors")).isNull();
        assertThat(first.jsonPath().getList("data.standings.edges.node.unit.code")).containsExactly(b[0] + ".W1",
                b[0] + ".W2");
        Response kept = page(given(), b[1], b[0], "en");
        Response fresh = page(given().header("Cache-Control", "no-cache"), b[1], b[0], "en");
        Response overGet = given().queryParam("query", PAGE).queryParam("operationName", "Page")
                .queryParam("variables", json(variables(b[1], b[0], "en"))).get("/graphql");
        assertThat(first.header("Cache-Status")).isEqualTo(MISS);
        assertThat(kept.header("Cache-Status")).isEqualTo(HIT);
        assertThat(fresh.header("Cache-Status")).isNull();
        assertThat(overGet.header("Cache-Status")).isEqualTo(HIT);
        for (Response again : List.of(kept, fresh, overGet)) {
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.asByteArray()).isEqualTo(first.asByteArray());
            assertThat(again.contentType()).isEqualTo(first.contentType());
        }
        // the GraphQL over HTTP media type is another answer's (its own content type), kept as it came
        RequestSpecification graphqlJson = given().accept("application/graphql-response+json");
        Response typed = page(graphqlJson, b[1], b[0], "en");
        Response typedAgain = page(given().accept("application/graphql-response+json"), b[1], b[0], "en");
        assertThat(typed.header("Cache-Status")).isEqualTo(MISS);
        assertThat(typedAgain.header("Cache-Status")).isEqualTo(HIT);
        assertThat(typed.contentType()).startsWith("application/graphql-response+json");
        assertThat(typedAgain.contentType()).isEqualTo(typed.contentType());
        assertThat(typedAgain.asByteArray()).isEqualTo(typed.asByteArray()).isEqualTo(first.asByteArray());
        // compressed alike when the client accepts it
        // Java's HttpClient offers HTTP/2 on each HTTP/1.1 request ("Upgrade: h2c"): the offer changes nothing
        Response offered = page(given().header("Upgrade", "h2c").header("HTTP2-Settings", "AAMAAABkAAQBAAAAAAIAAAAA")
                .header("Connection", "Upgrade, HTTP2-Settings"), b[1], b[0], "en");
        assertThat(offered.header("Cache-Status")).isEqualTo(HIT);
        assertThat(offered.asByteArray()).isEqualTo(first.asByteArray());
        Response zipped = page(given().header("Accept-Encoding", "gzip"), b[1], b[0], "en");
        Response zippedFresh = page(given().header("Accept-Encoding", "gzip").header("Cache-Control", "no-cache"),
                b[1], b[0], "en");
        assertThat(zipped.header("Cache-Status")).isEqualTo(HIT);
        assertThat(zipped.header("Content-Encoding")).isEqualTo(zippedFresh.header("Content-Encoding"));
        assertThat(zipped.asByteArray()).isEqualTo(first.asByteArray());
    }

    @Test
    void anEvaluationWrittenToAUnitOnTheBoardShowsInTheNextRead() {
        String[] b = board();
        page(given(), b[1], b[0], "en");
        Response kept = page(given(), b[1], b[0], "en");
        assertThat(kept.header("Cache-Status")).isEqualTo(HIT);
        assertThat(kept.jsonPath().getList("data.standings.edges[1].node.sources.samples", Integer.class))
                .containsExactly(1, 1);
        // W2 inspected again (100 beside its 80): the next read shows the second sample and W2's new value
        String w2 = "data.standings.edges.find { it.node.unit.code == '" + b[0] + ".W2' }.node";
        post(List.of(evaluation(b[0] + "-3i", "inspection", b[0] + ".W2", b[2], AT, 100, true)));
        Response after = page(given(), b[1], b[0], "en");
        assertThat(after.header("Cache-Status")).isEqualTo(MISS);
        assertThat(after.jsonPath().getInt(w2 + ".sources.find { it.source == 'inspection' }.samples"))
                .isEqualTo(2);
        assertThat(after.jsonPath().getString(w2 + ".value")).isNotEqualTo(kept.jsonPath().getString(w2 + ".value"));
        assertThat(page(given(), b[1], b[0], "en").asByteArray()).isEqualTo(after.asByteArray());
    }

    @Test
    void aRenamedParentShowsInTheNextReadToo() {
        String[] b = board();
        page(given(), b[1], b[0], "en");
        assertThat(page(given(), b[1], b[0], "en").jsonPath().getString("data.standings.edges[0].node.unit.parent"
                + ".name")).isEqualTo("区");
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("code", b[0], "name", "新区", "kind", "region")))
                .put("/api/v1/units").then().statusCode(200);
        Response renamed = page(given(), b[1], b[0], "en");
        assertThat(renamed.header("Cache-Status")).isEqualTo(MISS);
        assertThat(renamed.jsonPath().getString("data.standings.edges[0].node.unit.parent.name")).isEqualTo("新区");
    }

    /**
     * The stamp a kept answer is given under is kept too ({@link StampCache}), so an answer from memory costs no
     * query: a region renamed in the database with its announcement held back is still answered as it was (the
     * test profile keeps a stamp for a minute; the default is a second). The announcement, as another instance's
     * change would send it, makes the next read show the new name; and a change made with the announcement in
     * place (V92's triggers) is heard the same way.
     *
     * <p>A stamp is rightly not used once this instance committed anything or heard an announcement, and work of
     * earlier requests (a coverage recount, a sweep) may commit at any moment on a busy machine. So the unannounced
     * rename is tried, for up to a minute, until it falls in a quiet moment (nothing committed, nothing heard, the listener connected
     * from the kept read to the read after the rename); in every such moment the answer must be the kept one.
     */
    @Test
    void aKeptStampIsUsedUntilTheDatabaseAnnouncesAChange() {
        String[] b = board();
        String shown = "区";
        boolean quiet = false;
        long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        for (int attempt = 1; System.nanoTime() < until && !quiet; attempt++) {
            page(given(), b[1], b[0], "en");
            StampCache.Asked before = stamps.now();
            Response kept = page(given(), b[1], b[0], "en");
            String renamed = "暗改区" + attempt;
            DatabaseOwner.execute("""
                    BEGIN;
                    ALTER TABLE unit_tree_revision DISABLE TRIGGER unit_tree_revision_stamp_changed;
                    UPDATE unit SET name = '%s' WHERE code = '%s';
                    UPDATE unit_tree_revision SET revision = revision + 1;
                    ALTER TABLE unit_tree_revision ENABLE TRIGGER unit_tree_revision_stamp_changed;
                    COMMIT;""".formatted(renamed, b[0]));
            Response unannounced = page(given(), b[1], b[0], "en");
            quiet = before.equals(stamps.now()) && notifications.connected()
                    && HIT.equals(kept.header("Cache-Status"));
            if (quiet) {
                assertThat(unannounced.header("Cache-Status")).as("kept, unannounced").isEqualTo(HIT);
                assertThat(parentName(unannounced)).isEqualTo(shown);
            }
            long heard = stamps.now().heard();
            DatabaseOwner.execute("SELECT pg_notify('" + StampCache.CHANNEL + "', '')");
            // heard before the next attempt begins, so that it does not make that one look busy
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
            while (stamps.now().heard() == heard && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(parentNameOnceChanged(b, shown)).as("after the announcement").isEqualTo(renamed);
            shown = renamed;
        }
        assertThat(quiet).as("a quiet moment within a minute").isTrue();

        DatabaseOwner.execute("UPDATE unit SET name = '明改区' WHERE code = '%s';".formatted(b[0])
                + " UPDATE unit_tree_revision SET revision = revision + 1;");
        assertThat(parentNameOnceChanged(b, shown)).as("announced by the trigger").isEqualTo("明改区");
    }

    private static String parentName(Response page) {
        return page.jsonPath().getString("data.standings.edges[0].node.unit.parent.name");
    }

    /** The region's name on the board, read until it is no longer {@code was} (for at most 5 seconds). */
    private static String parentNameOnceChanged(String[] b, String was) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        String name = was;
        while (name.equals(was) && System.nanoTime() < deadline) {
            name = parentName(page(given(), b[1], b[0], "en"));
        }
        return name;
    }

    @Test
    void chineseAndEnglishNamesAreKeptApart() {
        String[] b = board();
        Response en = page(given(), b[1], b[0], "en");
        Response zh = page(given(), b[1], b[0], "zh-CN");
        Response enAgain = page(given(), b[1], b[0], "en");
        Response zhAgain = page(given(), b[1], b[0], "zh-CN");
        assertThat(zh.header("Cache-Status")).isEqualTo(MISS);
        assertThat(enAgain.header("Cache-Status")).isEqualTo(HIT);
        assertThat(zhAgain.header("Cache-Status")).isEqualTo(HIT);
        String enGrade = en.jsonPath().getString("data.standings.edges[0].node.grade.name");
        String zhGrade = zh.jsonPath().getString("data.standings.edges[0].node.grade.name");
        assertThat(enGrade).isNotNull().isNotEqualTo(zhGrade);
        assertThat(enAgain.jsonPath().getString("data.standings.edges[0].node.grade.name")).isEqualTo(enGrade);
        assertThat(zhAgain.jsonPath().getString("data.standings.edges[0].node.grade.name")).isEqualTo(zhGrade);
        assertThat(zhAgain.asByteArray()).isEqualTo(zh.asByteArray());
    }

    @Test
    void errorsAreNeverKept() {
        String[] b = board();
        // a cursor that is none (refused before any board is read), a kind no unit has (after the board is read)
        List<String> refusedQueries = List.of(
                "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\", after: \"nonsense\") "
                        + "{ totalCount } }",
                "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\", kind: \"nokind\") { totalCount } }");
        for (String query : refusedQueries) {
            for (int i = 0; i < 2; i++) {
                Response refused = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables",
                        Map.of("s", b[1]))).post("/graphql");
                assertThat(refused.jsonPath().getList("errors")).as(query).isNotEmpty();
                assertThat(refused.header("Cache-Status")).as(query).isEqualTo(MISS);
            }
        }
    }

    @Test
    void aDocumentOverTheLimitsIsStillRefusedEveryTime() {
        String[] b = board();
        // 13 fields deep, every one a board's: over servicegrade.graphql.max-depth (12)
        String deep = "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\") { edges { node { unit { "
                + "parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } "
                + "} } } } } } } } }";
        for (int i = 0; i < 2; i++) {
            Response refused = given().contentType(ContentType.JSON).body(Map.of("query", deep, "variables",
                    Map.of("s", b[1]))).post("/graphql");
            assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isNotNull();
            assertThat((Object) refused.jsonPath().get("data")).isNull();
            assertThat(refused.header("Cache-Status")).isNotEqualTo(HIT);
        }
    }

    @Test
    void operationsReadingBeyondTheBoardRunEveryTime() {
        String[] b = board();
        // vetoedBy reads an evaluation; evaluations under a unit, the unit's own list; periods, the scheme's
        List<String> unkept = List.of(
                "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\") { edges { node { vetoedBy { id } } } "
                        + "} }",
                "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\") { edges { node { unit { "
                        + "evaluations(first: 1) { totalCount } } } } } }",
                "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\") { totalCount } periods(scheme: $s) "
                        + "{ key } }");
        for (String query : unkept) {
            for (int i = 0; i < 2; i++) {
                Response answer = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables",
                        Map.of("s", b[1]))).post("/graphql");
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.header("Cache-Status")).as(query).isNull();
            }
        }
    }

    @Test
    void aCrossOriginPageGetsItsCorsHeadersOnAKeptAnswer() {
        String[] b = board();
        page(given().header("Origin", "https://app.test.example"), b[1], b[0], "en");
        Response kept = page(given().header("Origin", "https://app.test.example"), b[1], b[0], "en");
        assertThat(kept.header("Cache-Status")).isEqualTo(HIT);
        assertThat(kept.header("Access-Control-Allow-Origin")).isEqualTo("https://app.test.example");
    }

    /** Every field kept is one the served schema has, of the type listed: the list cannot drift from the schema. */
    @Test
    void theKeptFieldsAreTheServedSchemasOwn() {
        TypeDefinitionRegistry schema = new SchemaParser().parse(given().get("/graphql/schema.graphql").asString());
        KeptRoots kept = new KeptStandings();
        graphql.language.ObjectTypeDefinition query = (graphql.language.ObjectTypeDefinition) schema
                .getType("Query").orElseThrow();
        kept.roots().forEach((root, type) -> assertThat(typeName(query, root)).as(root).isEqualTo(type));
        kept.fields().forEach((typeName, fields) -> {
            graphql.language.ObjectTypeDefinition type = (graphql.language.ObjectTypeDefinition) schema
                    .getType(typeName).orElseThrow(() -> new AssertionError("no type " + typeName));
            fields.forEach((field, child) -> {
                String served = typeName(type, field);
                if (child != null) {
                    assertThat(served).as(typeName + "." + field).isEqualTo(child);
                } else {
                    assertThat(schema.getType(served).map(t -> t instanceof graphql.language.ObjectTypeDefinition)
                            .orElse(false)).as(typeName + "." + field + " is a leaf").isFalse();
                }
                assertThat(type.getFieldDefinitions().stream().filter(f -> f.getName().equals(field))
                        .findFirst().orElseThrow().getInputValueDefinitions()).as(field + " takes no argument")
                        .isEmpty();
            });
        });
    }

    private static String typeName(graphql.language.ObjectTypeDefinition type, String field) {
        graphql.language.Type<?> t = type.getFieldDefinitions().stream().filter(f -> f.getName().equals(field))
                .findFirst().orElseThrow(() -> new AssertionError(type.getName() + " has no " + field)).getType();
        while (!(t instanceof graphql.language.TypeName)) {
            t = t instanceof graphql.language.NonNullType n ? n.getType() : ((graphql.language.ListType) t).getType();
        }
        return ((graphql.language.TypeName) t).getName();
    }
}
