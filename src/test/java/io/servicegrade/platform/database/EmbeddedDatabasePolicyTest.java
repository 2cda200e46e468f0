package io.servicegrade.platform.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabasePolicyTest {

    @Test
    void theEmbeddedDatabaseNeverStartsInKubernetesUnlessSaidOtherwise() {
        assertThat(DatabaseConfigSourceFactory.embeddedAllowed(null, false)).isTrue();
        assertThat(DatabaseConfigSourceFactory.embeddedAllowed(null, true)).isFalse();
        assertThat(DatabaseConfigSourceFactory.embeddedAllowed("false", false)).isFalse();
        assertThat(DatabaseConfigSourceFactory.embeddedAllowed("true", true)).isTrue();
    }
}
