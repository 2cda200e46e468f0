package io.servicegrade.platform.graphql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The operation label is bounded (issue 22): names are the clients' choice, the series are the server's cost. */
class OperationMetersTest {

    @Test
    void theFirstHundredNamesAreKeptAndTheRestAreOther() {
        OperationMeters meters = new OperationMeters();
        for (int i = 0; i < OperationMeters.NAMES; i++) {
            assertThat(meters.label("Op" + i)).isEqualTo("Op" + i);
        }
        assertThat(meters.label("OneTooMany")).isEqualTo("other");
        // a name already kept stays itself
        assertThat(meters.label("Op7")).isEqualTo("Op7");
    }

    @Test
    void noNameIsAnonymousAndWhatIsNoGraphqlNameIsOther() {
        OperationMeters meters = new OperationMeters();
        assertThat(meters.label(null)).isEqualTo("anonymous");
        assertThat(meters.label("")).isEqualTo("anonymous");
        assertThat(meters.label("drop table\"}")).isEqualTo("other");
        assertThat(meters.label("x".repeat(65))).isEqualTo("other");
        assertThat(meters.label("StandingsPage")).isEqualTo("StandingsPage");
    }
}
