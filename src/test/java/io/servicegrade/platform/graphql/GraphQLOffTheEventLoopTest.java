package io.servicegrade.platform.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.GraphqlSubscriber;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static io.servicegrade.scheme.SchemeVersionsTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * H1: a GraphQL operation is parsed, costed, validated and executed on worker threads, never on an event loop: a
 * document that is slow to validate, or an answer that is slow to build (hundreds of fields), holds up no other
 * request the loop serves. The resolvers' I/O still runs on the event loop; its answers are carried back to a worker.
 * {@link ExecutionThreadProbe} notes the thread each field of an operation named {@code ThreadProbe…} is fetched on.
 */
@QuarkusTest
class GraphQLOffTheEventLoopTest {

    @Inject
    GraphQLLimits limits;

    @Inject
    ExecutionThreadProbe probe;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI graphql;

    /** H1: parsing and validation asked for on the event loop run on a worker, and execution starts there too. */
    @Test
    void parsingValidationAndTheStartOfExecutionRunOnAWorker() throws Exception {
        // unique, so that no cached document stands in for parsing
        String query = "{ __typename } # " + UUID.randomUUID();
        CompletableFuture<boolean[]> seen = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            boolean askedOnLoop = Context.isOnEventLoopThread();
            boolean[] validatedOnLoop = {true};
            limits.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> {
                validatedOnLoop[0] = Context.isOnEventLoopThread();
                return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
            }).whenComplete((entry, failure) -> {
                if (failure != null) {
                    seen.completeExceptionally(failure);
                } else {
                    seen.complete(new boolean[] {askedOnLoop, validatedOnLoop[0], Context.isOnEventLoopThread()});
                }
            });
        });
        boolean[] observed = seen.get(30, TimeUnit.SECONDS);
        assertThat(observed[0]).as("asked for on the event loop").isTrue();
        assertThat(observed[1]).as("parsed and validated on the event loop").isFalse();
        assertThat(observed[2]).as("execution starts on the event loop").isFalse();
    }

    /**
     * H1: through the server, every field of a query is fetched on a worker thread: the resolvers (standings,
     * units, evaluations, which need the API key looked up), the batched fields under them (unit, parent,
     * children, ancestors), and the plain fields of each row, after the resolvers' database answers came back
     * on the event loop.
     */
    @Test
    void everyFieldOfAQueryIsFetchedOnAWorker() {
        Setup setup = Setup.of(2);
        String window = setup.region() + ".W1";
        post(twoSources(setup, window));
        String query = """
                query ThreadProbeQuery {
                  standings(scheme: "%1$s", period: "2023-Q2", first: 5) {
                    totalCount
                    edges { cursor node { rank value grade { key } unit { code parent { code } }
                      sources { source value samples } } } }
                  units(under: "%2$s", first: 5) { edges { node { code children { code } ancestors { code } } } }
                  evaluations(unit: "%3$s", first: 5) { edges { node { id score unit { code } } } }
                }
                """.formatted(setup.scheme(), setup.region(), window);
        asAdmin().contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql").then()
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.standings.edges.find { it.node.unit.code == '" + window + "' }.node.value",
                        equalTo(89.8f))
                .body("data.units.edges", hasSize(2))
                .body("data.evaluations.edges[0].node.unit.code", equalTo(window));

        List<ExecutionThreadProbe.Fetch> fetches = probe.fetches("ThreadProbeQuery");
        assertThat(fetches).extracting(ExecutionThreadProbe.Fetch::path)
                .contains("/standings", "/units", "/evaluations", "/standings/edges[0]/node/unit/parent",
                        "/units/edges[0]/node/children", "/evaluations/edges[0]/node/score");
        assertThat(fetches).as("fields fetched on an event loop").filteredOn(ExecutionThreadProbe.Fetch::onEventLoop)
                .isEmpty();
    }

    /**
     * H1: a subscription's events (heard on the event loop that listens to the database) are turned into answers
     * on worker threads: for standingUpdates the first answer and the one after two evaluations; for
     * standingChanges the one change those evaluations made.
     */
    @Test
    void aSubscriptionsAnswersAreBuiltOnAWorker() throws Exception {
        Setup setup = Setup.of(1);
        String window = setup.region() + ".W1";
        try (GraphqlSubscriber subscriber = new GraphqlSubscriber(graphql)) {
            subscriber.subscribe("2", """
                    subscription ThreadProbeChanges { standingChanges(scheme: "%s") { scheme period revision } }
                    """.formatted(setup.scheme()));
            subscriber.subscribe("1", """
                    subscription ThreadProbeUpdates { standingUpdates(scheme: "%s", period: "2023-Q2",
                      unit: "%s") { value sources { source value samples } } }
                    """.formatted(setup.scheme(), window));
            assertThat(subscriber.next()).contains("\"id\":\"1\"").contains("\"value\":null");
            post(twoSources(setup, window));
            List<String> heard = List.of(subscriber.next(), subscriber.next());
            assertThat(heard).anySatisfy(m -> assertThat(m).contains("\"id\":\"1\"").contains("\"value\":89.8"))
                    .anySatisfy(m -> assertThat(m).contains("\"id\":\"2\"").contains("\"period\":\"2023-Q2\""));
        }
        assertThat(probe.fetches("ThreadProbeUpdates")).extracting(ExecutionThreadProbe.Fetch::path)
                .filteredOn("/standingUpdates/value"::equals).as("the value of both answers").hasSize(2);
        assertThat(probe.fetches("ThreadProbeChanges")).extracting(ExecutionThreadProbe.Fetch::path)
                .contains("/standingChanges/period");
        assertThat(probe.fetches("ThreadProbeUpdates")).as("fields fetched on an event loop")
                .filteredOn(ExecutionThreadProbe.Fetch::onEventLoop).isEmpty();
        assertThat(probe.fetches("ThreadProbeChanges")).as("fields fetched on an event loop")
                .filteredOn(ExecutionThreadProbe.Fetch::onEventLoop).isEmpty();
    }

    /**
     * H1: operations of one WebSocket connection now run at once on workers, and each answer still goes to its
     * own operation: 24 queries sent back to back, each for a different window, each answered with its window.
     * (SmallRye GraphQL reuses one per-operation context per event loop; shared, it handed one operation's
     * answer to another.)
     */
    @Test
    void operationsOfOneConnectionRunAtOnceAndEachGetsItsOwnAnswer() throws Exception {
        int count = 24;
        String region = io.servicegrade.scheme.SchemeVersionsTest.region(count);
        try (GraphqlSubscriber socket = new GraphqlSubscriber(graphql)) {
            for (int i = 1; i <= count; i++) {
                socket.subscribe("q" + i, "query { unit(code: \"" + region + ".W" + i + "\") { code } }");
            }
            Map<String, String> answers = new java.util.HashMap<>();
            while (answers.size() < count) {
                String message = socket.next();
                if (message.contains("\"type\":\"next\"")) {
                    String id = message.replaceAll(".*\"id\":\"(q\\d+)\".*", "$1");
                    answers.put(id, message);
                }
            }
            for (int i = 1; i <= count; i++) {
                assertThat(answers.get("q" + i)).as("answer to q" + i)
                        .contains("\"code\":\"" + region + ".W" + i + "\"");
            }
        }
    }

    /** Inspection 88 and third party 91: weighted 0.4 × 88 + 0.6 × 91 = 35.2 + 54.6 = 89.8. */
    private static List<Map<String, Object>> twoSources(Setup setup, String window) {
        return List.of(evaluation(setup.region() + "-i", "inspection", window, setup.rubric(),
                        "2023-05-10T10:00:00+08:00", 88, true),
                evaluation(setup.region() + "-m", "mystery_shop", window, setup.rubric(),
                        "2023-05-11T10:00:00+08:00", 91, true));
    }
}
