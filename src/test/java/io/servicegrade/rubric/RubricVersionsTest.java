package io.servicegrade.rubric;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RubricVersionsTest {

    private static final RubricVersions THREE = new RubricVersions("r", List.of(
            new RubricVersions.Since(1, OffsetDateTime.parse("2023-01-10T00:00:00+08:00")),
            new RubricVersions.Since(2, OffsetDateTime.parse("2023-04-01T00:00:00+08:00")),
            new RubricVersions.Since(3, OffsetDateTime.parse("2023-07-01T00:00:00+08:00"))));

    @Test
    void anEvaluationIsScoredByTheLatestVersionStoredByTheTimeItWasConducted() {
        assertThat(THREE.inForceAt(OffsetDateTime.parse("2023-05-15T10:00:00+08:00")))
                .contains(new RubricVersions.Ref("r", 2));
        // stored at that very instant: in force
        assertThat(THREE.inForceAt(OffsetDateTime.parse("2023-06-30T16:00:00Z")))
                .contains(new RubricVersions.Ref("r", 3));
        assertThat(THREE.inForceAt(OffsetDateTime.parse("2023-06-30T15:59:59Z")))
                .contains(new RubricVersions.Ref("r", 2));
    }

    @Test
    void aResultOlderThanTheRubricIsScoredByItsFirstVersion() {
        assertThat(THREE.inForceAt(OffsetDateTime.parse("2022-12-31T10:00:00+08:00")))
                .contains(new RubricVersions.Ref("r", 1));
    }

    @Test
    void aNamedVersionIsUsedOnlyIfItExists() {
        OffsetDateTime late = OffsetDateTime.parse("2023-12-01T10:00:00+08:00");
        assertThat(THREE.choose(1, late)).contains(new RubricVersions.Ref("r", 1));
        assertThat(THREE.choose(4, late)).isEmpty();
        assertThat(THREE.choose(null, late)).contains(new RubricVersions.Ref("r", 3));
    }

    @Test
    void aRubricNeverStoredHasNoVersionInForce() {
        assertThat(RubricVersions.none("r").inForceAt(OffsetDateTime.parse("2023-05-15T10:00:00+08:00")))
                .isEqualTo(Optional.empty());
        assertThat(RubricVersions.none("r").named(1)).isEmpty();
    }
}
