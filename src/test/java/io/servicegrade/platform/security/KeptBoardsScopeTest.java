package io.servicegrade.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.servicegrade.standing.BoardAccess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.servicegrade.platform.security.ScopeFixtures.graphql;
import static io.servicegrade.platform.security.ScopeFixtures.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: standings answers kept by their boards' stamps are kept per reader. With boards closed to the public,
 * two viewers scoped to two branches read the same page with the same variables, each several times: each is
 * given its own rows only, kept or not, and never the other's answer.
 */
@QuarkusTest
class KeptBoardsScopeTest {

    private static final String PAGE = "query($s: String!) { standings(scheme: $s, period: \"2023-Q2\") { totalCount "
            + "edges { node { unit { code } rank value } } } }";

    @Test
    void readersWithDifferentScopesNeverSeeEachOthersRows() {
        ScopeAccessTest.World w = ScopeAccessTest.World.make();
        String a = tokenOf(List.of("viewer"), List.of(w.p() + ".A"));
        String b = tokenOf(List.of("viewer"), List.of(w.p() + ".B"));
        System.setProperty(BoardAccess.TEST_OVERRIDE, "false");
        try {
            for (int i = 0; i < 3; i++) {
                Response ofA = graphql(a, PAGE, Map.of("s", w.scheme()));
                Response ofB = graphql(b, PAGE, Map.of("s", w.scheme()));
                Response anonymous = graphql(null, PAGE, Map.of("s", w.scheme()));
                assertThat(ofA.jsonPath().getList("data.standings.edges.node.unit.code"))
                        .containsExactlyInAnyOrder(w.p() + ".A.W1", w.p() + ".A.W2");
                assertThat(ofB.jsonPath().getList("data.standings.edges.node.unit.code"))
                        .containsExactly(w.p() + ".B.W1");
                assertThat(ofB.jsonPath().getInt("data.standings.edges[0].node.rank")).isEqualTo(1);
                assertThat(anonymous.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
                assertThat(anonymous.header("Cache-Status")).isNull();
                if (i > 0) {
                    assertThat(ofA.header("Cache-Status")).isEqualTo("ServiceGrade; hit");
                    assertThat(ofB.header("Cache-Status")).isEqualTo("ServiceGrade; hit");
                }
            }
        } finally {
            System.clearProperty(BoardAccess.TEST_OVERRIDE);
        }
        // public again: the whole board, for anyone, not a viewer's kept answer
        Response open = graphql(null, "query($s: String!, $u: String) { standings(scheme: $s, period: \"2023-Q2\", "
                + "under: $u) { edges { node { unit { code } } } } }", Map.of("s", w.scheme(), "u", w.p()));
        assertThat(open.jsonPath().getList("data.standings.edges.node.unit.code")).containsExactlyInAnyOrder(
                w.p() + ".A.W1", w.p() + ".A.W2", w.p() + ".B.W1");
    }
}
