package io.servicegrade.platform.graphql;

import graphql.language.Document;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DocumentCost} on its own (no server): what documents cost, and that costing them is cheap. */
class DocumentCostTest {

    private static DocumentCost.Cost cost(String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        return DocumentCost.of(document, variables, null, null);
    }

    /** H1: the fragment bomb is counted at its full expansion, 3^14 fields, without being expanded. */
    @Test
    void theFragmentBombIsCountedWithoutExpandingIt() {
        long started = System.nanoTime();
        DocumentCost.Cost cost = cost(GraphQLLimitsTest.fragmentBomb(), Map.of());
        assertThat(cost.fields()).isEqualTo(1 + 4_782_969L);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    /** H1: a fragment cycle (invalid GraphQL) cannot make the counter loop. */
    @Test
    void aFragmentCycleIsRefusedNotLoopedOver() {
        assertThatThrownBy(() -> cost("query { unit(code: \"SZ\") { ...A } } fragment A on Unit { ...B } "
                + "fragment B on Unit { ...A }", Map.of()))
                .isInstanceOf(DocumentCost.Refusal.class);
    }

    /** M1: aliases count each, and a page size multiplies what is under it, through nested levels. */
    @Test
    void aliasesCountEachAndPageSizesMultiplyThrough() {
        DocumentCost.Cost one = cost("{ units(first: 10) { edges { node { code } } } }", Map.of());
        assertThat(one.fields()).isEqualTo(4);
        assertThat(one.cost()).isEqualTo(1 + 10 * 3);
        DocumentCost.Cost two = cost("{ a: units(first: 10) { edges { node { code } } } "
                + "b: units(first: $n) { edges { node { code } } } }", Map.of("n", 100));
        assertThat(two.fields()).isEqualTo(8);
        assertThat(two.cost()).isEqualTo(31 + 1 + 100 * 3);
    }

    /** H1: introspection is not multiplied, and the standard introspection query is well within the defaults. */
    @Test
    void theStandardIntrospectionQueryIsCheap() {
        DocumentCost.Cost cost = cost(GraphQLToolsTest.introspectionQuery(), Map.of());
        assertThat(cost.fields()).isLessThan(2000);
        assertThat(cost.cost()).isEqualTo(cost.fields());
    }

    /**
     * Issue 15: depth counts data fields only. The introspection query nests 15 deep and counts 0; a unit with 12
     * levels of children counts 13, through fragments too (each costed once).
     */
    @Test
    void depthCountsDataFieldsOnlyThroughFragments() {
        assertThat(cost(GraphQLToolsTest.introspectionQuery(), Map.of()).depth()).isZero();
        assertThat(cost(GraphQLToolsTest.unitsDeep(13), Map.of()).depth()).isEqualTo(13);
        assertThat(cost("{ unit(code: \"SZ\") { ...A } } fragment A on Unit { children { ...B } } "
                + "fragment B on Unit { children { code __typename } }", Map.of()).depth()).isEqualTo(4);
        assertThat(cost("{ unit(code: \"SZ\") { __type(name: \"Unit\") { fields { type { ofType { name } } } } "
                + "code } }", Map.of()).depth()).isEqualTo(2);
    }

    /** Low: control characters in arguments and variables are refused with their path. */
    @Test
    void controlCharactersAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> cost("{ unit(code: \"a\\u0000\") { code } }", Map.of()))
                .isInstanceOfSatisfying(DocumentCost.Refusal.class, r -> assertThat(r.path).isEqualTo("unit(code)"));
        assertThatThrownBy(() -> cost("query($c: String!) { unit(code: $c) { code } }", Map.of("c", "a\u001f")))
                .isInstanceOfSatisfying(DocumentCost.Refusal.class, r -> assertThat(r.path).isEqualTo("$c"));
        assertThat(cost("{ unit(code: \"a\\tb\\nc\") { code } }", Map.of()).fields()).isEqualTo(2);
    }

    /** Low: the answer's size is counted, stopping just past the limit. */
    @Test
    void theAnswersSizeIsCountedUpToTheLimit() {
        assertThat(ExecutionLimits.size(Map.of("a", "xy"), 1000)).isEqualTo(2 + 3 + 1 + 4);
        Object big = java.util.Collections.nCopies(1_000_000, Map.of("code", "SZ.GS.GQ.W1"));
        assertThat(ExecutionLimits.size(big, 10_000)).isBetween(10_000L, 10_100L);
    }

    /** Low: a resolver still waiting when the operation's time is up is given up, not waited for. */
    @Test
    void aResolverStillWaitingAtTheDeadlineIsGivenUp() {
        ExecutionLimits.Deadline deadline = new ExecutionLimits.Deadline(System.nanoTime() + 100_000_000L);
        java.util.concurrent.CompletableFuture<Object> never = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Object> done = java.util.concurrent.CompletableFuture.completedFuture(1);
        assertThat(ExecutionLimits.within(done, deadline)).isCompletedWithValue(1);
        assertThatThrownBy(() -> ExecutionLimits.within(never, deadline).get(5, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(deadline.passed).isTrue();
    }
}
