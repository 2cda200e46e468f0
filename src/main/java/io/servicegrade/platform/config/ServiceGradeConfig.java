package io.servicegrade.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The application's own settings, under {@code servicegrade.}. */
@ConfigMapping(prefix = "servicegrade")
public interface ServiceGradeConfig {

    /** Where the server keeps its files: the embedded database ({@code pg/}) and the first admin key. */
    @WithDefault("data")
    String dataDir();

    /**
     * An admin API key chosen by the operator (at least 24 characters), e.g. from a Kubernetes Secret: stored as
     * an admin key at start, instead of writing a generated one to the data directory.
     */
    Optional<String> adminKey();

    /**
     * The local time zone: of a scheme that names none (a scheme's own {@code timeZone} wins for its periods), of
     * an import file's times written without an offset, of the demo's dates, and of the times report pages show.
     */
    @WithDefault(DEFAULT_TIME_ZONE)
    java.time.ZoneId timeZone();

    String DEFAULT_TIME_ZONE = "Asia/Shanghai";

    /** {@link #timeZone()} for code outside a bean (static formats); the default where no configuration runs. */
    static java.time.ZoneId localZone() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("servicegrade.time-zone", java.time.ZoneId.class)
                .orElse(java.time.ZoneId.of(DEFAULT_TIME_ZONE));
    }

    EmbeddedDatabase embeddedDatabase();

    Demo demo();

    Evaluations evaluations();

    Standings standings();

    Reports reports();

    Overload overload();

    Bodies bodies();

    /** How long work may wait for the database before the server answers 503 with {@code Retry-After}. */
    interface Overload {

        /** The longest a request waits for a database connection or for its turn to write. */
        @WithDefault("5s")
        @io.smallrye.config.WithName("wait")
        java.time.Duration maxWait();

        /** What {@code Retry-After} asks a refused client to wait (whole seconds, at least one). */
        @WithDefault("2s")
        java.time.Duration retryAfter();

        /** Write transactions that may run at once; by default half the pool, so reads keep the other half. */
        Optional<Integer> writeConcurrency();

        /** Write transactions that may wait for their turn; more are refused at once. */
        @WithDefault("512")
        int writeQueue();

        /** Requests that may wait for a pooled connection; more are refused at once. */
        @WithDefault("1024")
        int poolQueue();
    }

    interface Reports {

        /** How many days, the first included, a publicity notice leaves for objections. */
        @WithDefault("7")
        int objectionDays();
    }

    interface Standings {

        /**
         * How many unit rows of computed standings boards to keep in memory (a board of 10,000 windows holds
         * 10,000, about 1 KB each); a board is computed again when its period's evaluations or the tree change,
         * and one unused for 10 minutes is dropped.
         */
        @WithDefault("100000")
        long cachedRows();

        /**
         * A read replica for standings reads (e.g. {@code postgresql://servicegrade-db-ro:5432/servicegrade}), with
         * the datasource's credentials; reads there trail the primary by the replication lag. None: the primary.
         */
        Optional<String> readUrl();
    }

    interface Evaluations {

        /** The sources evaluations may come from; deployments may add their own tokens. */
        @WithDefault("inspection,mystery_shop,survey,self,callback,video,complaint")
        java.util.List<String> sources();

        /** How long an Idempotency-Key and its first response are kept. */
        @WithDefault("PT25H")
        java.time.Duration idempotencyRetention();
    }

    interface EmbeddedDatabase {

        /**
         * Whether the embedded database may start when no datasource is configured; by default it may, except in
         * Kubernetes (where {@code KUBERNETES_SERVICE_HOST} is set), where the server refuses to start instead.
         */
        Optional<Boolean> enabled();

        /** The embedded server's data directory; {@code <data-dir>/pg} when absent. */
        Optional<String> dataDir();

        /** Its port on localhost; 0 picks a free one. */
        @WithDefault("0")
        int port();

        /** Set by the server itself when it started the embedded database. */
        @WithDefault("false")
        boolean active();
    }

    interface Demo {

        /** Load the demo organisation into an empty database at start. */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * How large a request body may be, by what it carries, checked before it is parsed (issue 14: inputs). An
     * evaluation batch or a units list keeps the HTTP limit ({@code quarkus.http.limits.max-body-size}).
     */
    interface Bodies {

        /** A rubric or a scheme (JSON or YAML), answers to score, a correction or a void of one evaluation. */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize document();

        /** An admin's body: a new API key, an agency or a change to one. */
        @WithDefault("64K")
        io.quarkus.runtime.configuration.MemorySize small();

        /**
         * The longest a YAML body may take to read. SnakeYAML reads a long plain or quoted scalar in quadratic
         * time (a 1 MB one takes seconds); a rubric's own texts read in milliseconds, block scalars included.
         */
        @WithDefault("2s")
        java.time.Duration yamlReadTime();
    }
}
