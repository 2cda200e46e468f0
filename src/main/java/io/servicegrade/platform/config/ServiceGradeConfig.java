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
                .getOptionalValue("servicegrade.time-zone", String.class).map(String::strip)
                .filter(zone -> !zone.isEmpty()).map(java.time.ZoneId::of)
                .orElse(java.time.ZoneId.of(DEFAULT_TIME_ZONE));
    }

    EmbeddedDatabase embeddedDatabase();

    Demo demo();

    Evaluations evaluations();

    Standings standings();

    Reports reports();

    Overload overload();

    Imports imports();

    Accounts accounts();

    // issue 19: follow-up
    Deadlines deadlines();

    Rectifications rectifications();

    Complaints complaints();

    Webhooks webhooks();

    /** Issue 22: traces (platform/observe/TraceExport). */
    Tracing tracing();

    interface Tracing {
        /**
         * Whether spans are recorded and sent to the OTLP collector: unset, they are when
         * {@code quarkus.otel.exporter.otlp.endpoint} (or {@code …traces.endpoint}) names one. Trace ids are in
         * the logs either way.
         */
        Optional<Boolean> export();
    }

    /**
     * How a follow-up deadline counts its days (issue 19: rectification orders, complaint replies): calendar days,
     * or working days (Monday to Friday, less {@link #holidays()}, plus {@link #workdays()}). Either way a
     * deadline ends at midnight after its last day in {@link ServiceGradeConfig#timeZone()}.
     */
    interface Deadlines {

        /** {@code calendar} or {@code working}. */
        @WithDefault("calendar")
        io.servicegrade.platform.time.WorkingCalendar.Count count();

        /** Public holidays that are not working days (ISO dates), for working-day deadlines. */
        Optional<java.util.List<java.time.LocalDate>> holidays();

        /** Weekend days that are working days (调休, ISO dates), for working-day deadlines. */
        Optional<java.util.List<java.time.LocalDate>> workdays();
    }

    /** Rectification orders (整改, issue 19). */
    interface Rectifications {

        /** How far back the same item deducted again counts as a recurrence (复发), in months. */
        @WithDefault("12")
        int recurrenceMonths();

        /** Days an order is due in by default, per severity, counted as {@link Deadlines#count()} says. */
        DeadlineDays deadlineDays();

        /** {@code servicegrade.rectifications.deadline-days.minor|major|veto}. */
        interface DeadlineDays {

            @WithDefault("15")
            int minor();

            @WithDefault("7")
            int major();

            @WithDefault("3")
            int veto();
        }
    }

    /** The complaints register (投诉, issue 19). */
    interface Complaints {

        /** Days a complaint's reply is due in (答复时限), counted as {@link Deadlines#count()} says. */
        @WithDefault("3")
        int replyDays();

        /** The same customer and subject again within this many days is a repeat complaint (重复投诉). */
        @WithDefault("30")
        int repeatDays();

        /** How often each instance looks for complaints newly overdue (issue 19; marking one is exactly-once). */
        @WithDefault("1M")
        java.time.Duration sweepEvery();

        // issue 19b: complaints
        /**
         * The complaint categories (投诉类别) by key, each with its zh-CN and en names, e.g.
         * {@code servicegrade.complaints.categories.fees.zh=收费}. None set: the categories of the postal
         * service-quality rules ({@code io.servicegrade.complaint.ComplaintCategories#DEFAULTS}); any set: exactly
         * those, so a deployment may replace the list. A registration naming another key is refused.
         */
        java.util.Map<String, CategoryNames> categories();

        /** A category's names as a person reads them. */
        interface CategoryNames {

            String zh();

            String en();
        }
    }

    /** Signed outbound webhooks (issue 19). */
    interface Webhooks {

        /** Attempts to deliver one event to one subscription before its delivery is marked failed. */
        @WithDefault("8")
        int maxAttempts();

        /**
         * Whether a subscription may name a plain-http receiver on a loopback address (issue 19: for tests and a
         * receiver on the same machine). Off: https only, and never a loopback or private address (SSRF).
         */
        @WithDefault("false")
        boolean allowInsecure();

        /** The wait before the second attempt; each later wait is {@link #backoffFactor()} times the one before. */
        @WithDefault("10s")
        java.time.Duration firstDelay();

        @WithDefault("2")
        int backoffFactor();

        /** The longest wait between two attempts. */
        @WithDefault("1h")
        java.time.Duration maxDelay();

        /** How long one attempt may take: connecting, and the receiver's answer. */
        @WithDefault("10s")
        java.time.Duration timeout();

        /** How often each instance looks for due deliveries and events not yet fanned out (a backstop). */
        @WithDefault("5s")
        java.time.Duration poll();

        /** How long delivered and failed deliveries, their attempts and their events are kept. */
        @WithDefault("P30D")
        java.time.Duration retention();

        /** Deliveries claimed at once by one instance. */
        @WithDefault("20")
        int batch();
    }

    // issue 16: people
    /** People's accounts: password hashing, sign-in lock-out and personal access tokens. */
    interface Accounts {

        /** Password hashes (Argon2id) that may run at once; by default one per processor. */
        Optional<Integer> hashConcurrency();

        /** Password checks that may wait for a turn; more, or any that waits past overload.wait, are answered 503. */
        @WithDefault("64")
        int hashQueue();

        /** Argon2id memory per hash, in KiB (OWASP's minimum: 19 MiB). */
        @WithDefault("19456")
        int hashMemoryKib();

        /** Argon2id passes per hash. */
        @WithDefault("2")
        int hashIterations();

        /** Failed sign-ins of one login within {@link #lockoutWindow()} after which it is locked (answered 429). */
        @WithDefault("5")
        int lockoutFailures();

        /** The window failed sign-ins are counted in; a lock ends when its oldest counted failure leaves it. */
        @WithDefault("15m")
        java.time.Duration lockoutWindow();

        /** How long a personal access token lasts when its request names no expiry, in days. */
        @WithDefault("30")
        int tokenDefaultDays();

        /** The longest a personal access token may last, in days. */
        @WithDefault("365")
        int tokenMaxDays();

        // issue 16: sign-in limit per client address
        /**
         * Failed sign-ins from one client address within {@link #addressWindow()} (of any logins, known or not)
         * after which its sign-ins are answered 429 with Retry-After, their passwords unchecked; 0 turns it off.
         * Counted in the database, so all instances share the count.
         */
        @WithDefault("30")
        int addressFailures();

        /** The window an address's failed sign-ins are counted in; its limit ends when its oldest counted one leaves. */
        @WithDefault("15m")
        java.time.Duration addressWindow();

        /**
         * Client addresses never limited (exact addresses as the server sees them, after
         * {@code quarkus.http.proxy.*}): say, a monitoring probe. The lock-out per login still applies to them.
         */
        Optional<java.util.List<String>> addressExempt();

        // issue 16: account import jobs
        /**
         * Account imports that may run at once, over all instances (each hashes one password at a time, taking one
         * of {@link #hashConcurrency()}'s places); more are answered 429 with Retry-After.
         */
        @WithDefault("1")
        int importsAtOnce();
    }

    // issue 14: imports
    /** Bounds on file imports: what one file may hold, and how many imports may be unfinished at once. */
    interface Imports {

        /** The longest cell text a file may hold, in characters (Excel's own limit is 32,767). */
        @WithDefault("32767")
        int maxCellLength();

        /**
         * How many bytes an XLSX file may unpack to, over every part read (the sheet, its shared strings, styles
         * and workbook): a small file that unpacks to gigabytes is refused once it passes this.
         */
        @WithDefault("256M")
        io.quarkus.runtime.configuration.MemorySize maxUnpackedSize();

        /** Imports of one agency that may be unfinished (queued or running) at once; more are answered 429. */
        @WithDefault("2")
        int perAgency();

        /** Imports of all agencies that may be unfinished at once, over all instances; more are answered 503. */
        @WithDefault("8")
        int concurrent();

        /** What {@code Retry-After} asks a refused upload to wait (whole seconds, at least one). */
        @WithDefault("30s")
        java.time.Duration retryAfter();

        /**
         * How many times a job found unfinished after a restart (or orphaned by another instance) is run again;
         * found unfinished once more, it is marked failed, so a file that brings a server down cannot do it twice.
         */
        @WithDefault("1")
        int maxResumes();
    }
    Graphql graphql();
    // issue 14: HTTP
    Http http();

    /** What the HTTP server allows a connection, besides Quarkus' own {@code quarkus.http.*} settings. */
    interface Http {

        /**
         * How long a connection has to send a request's whole header block (a fresh connection, or a kept-alive one
         * between requests): past it the connection is closed, whether it sent nothing or dripped bytes. Serving a
         * request and WebSocket connections are not bound by it ({@code quarkus.http.idle-timeout} still is).
         */
        @WithDefault("20s")
        java.time.Duration headerTimeout();
    }
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

        // issue 14: sessions
        /** How long a report-page sign-in lasts at most, however busy its reader. */
        @WithDefault("8h")
        java.time.Duration sessionLifetime();

        /** How long a report-page sign-in lasts unused. */
        @WithDefault("30m")
        java.time.Duration sessionIdle();

        // issue 21: a page of a board of 10,000 windows builds tables of the whole board (tens of MB for a moment)
        /** Report pages built at once per instance; by default one per processor. */
        Optional<Integer> pageConcurrency();

        /** Report pages that may wait for their turn; more, or any that waits past {@link #pageWait()}, get a 503. */
        @WithDefault("256")
        int pageQueue();

        /** The longest a report page waits for its turn before it is answered 503 with Retry-After. */
        @WithDefault("30s")
        java.time.Duration pageWait();
    }

    interface Standings {

        /**
         * The memory, in MB, that kept standings may take (by default 40 % of the heap): five eighths for computed
         * boards, a quarter for each period's inputs, an eighth for the lists of units boards are made of. A board
         * row is weighed at about 1.8 KB with its unit, a unit at 0.7 KB and an input at 0.55 KB (measured: a board
         * of 10,000 windows with two sources is about 11 MB, its units 7 MB, the inputs of its period and the
         * previous one about 22 MB); a board is computed again when its period's evaluations or the tree change,
         * and one unused for 10 minutes is dropped.
         */
        Optional<Integer> cacheMb();

        /**
         * A read replica for standings reads (e.g. {@code postgresql://servicegrade-db-ro:5432/servicegrade}), with
         * the datasource's credentials; reads there trail the primary by the replication lag. None: the primary.
         */
        Optional<String> readUrl();

        /**
         * The longest this instance uses a board's stamp (what a kept standings answer is given under) from memory,
         * without a query (issue 21). Every change of one is announced to every instance at commit, which forgets
         * its stamps then (milliseconds later); this bounds what an announcement lost on a silent network can cost.
         * 0: each request reads its stamps from the database.
         */
        @WithDefault("1s")
        java.time.Duration stampTtl();

        /**
         * Whether standings boards (REST, GraphQL, subscriptions, report pages, CSV) are open to anyone (issue 16).
         * When false they need a signed-in caller, and a scoped one (manager, inspector, viewer) sees only the units
         * in its scope, ranked among themselves. Read on every call.
         */
        @io.smallrye.config.WithName("public")
        @WithDefault("true")
        boolean publicBoards();
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

    /** What one GraphQL document may ask of the server (docs/graphql.md). */
    interface Graphql {

        /**
         * The most fields a document may expand to, every fragment spread and alias counted (fragments once each,
         * remembered): a document of 70 tokens can otherwise expand to millions.
         */
        @WithDefault("2000")
        long maxFields();

        /**
         * The most a document may cost: each field counts 1, and everything under a field with a page size
         * ({@code first}) counts that many times over, as its page could hold that many.
         */
        @WithDefault("50000")
        long maxCost();

        /** How long one operation may run, parsing and validation included; then it is stopped. */
        @WithDefault("10s")
        java.time.Duration timeout();

        /** The largest answer one operation may give (its JSON, about); a larger one is refused. */
        @WithDefault("10M")
        io.quarkus.runtime.configuration.MemorySize maxResponse();

        /** Subscriptions one WebSocket connection may hold at once. */
        @WithDefault("16")
        int subscriptionsPerConnection();

        /** How deeply the {@code variables} of a request may nest (objects and lists). */
        @WithDefault("32")
        int maxVariableDepth();

        /**
         * The most data fields an operation may nest inside one another (a root field is 1). Introspection
         * ({@code __schema}, {@code __type} and all under them) is not counted, so GraphiQL and code generators
         * can read the schema; a deeper operation is refused with {@code QUERY_TOO_COMPLEX}.
         */
        @WithDefault("12")
        int maxDepth();

        /**
         * The memory standings answers kept by their boards' stamps may take (issue 21,
         * {@code platform/graphql/KeptAnswers}): the least recently used go first; 0 keeps none.
         */
        @WithDefault("32M")
        io.quarkus.runtime.configuration.MemorySize keptAnswers();
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

    // issue 16: single sign-on
    /**
     * Single sign-on: how a token the organisation's identity provider signed becomes a person. The provider itself
     * (its URL, this server's client id and secret, the audience) is set with {@code quarkus.oidc.*}; with no
     * {@code quarkus.oidc.auth-server-url} single sign-on is off.
     */
    Oidc oidc();

    interface Oidc {

        /**
         * The claim holding the person's roles (role keys: administrator, analyst, …); a path into nested claims
         * is written with {@code /}, as Keycloak's {@code realm_access/roles}. Unknown roles are ignored.
         */
        @WithDefault("servicegrade_roles")
        String rolesClaim();

        /** The claim holding the unit codes of the person's scope (a list, or one code); unknown codes are skipped. */
        @WithDefault("servicegrade_units")
        String scopeClaim();

        /**
         * How a token finds a local account: {@code subject} (the account whose link is the token's subject) or
         * {@code email} (that, or else the account whose login is the token's verified e-mail, which is then linked
         * to the subject).
         */
        @WithDefault("subject")
        LinkBy linkBy();

        /**
         * Whether a person with no linked local account gets one just in time, with roles and scope from the
         * claims (else such a token is refused 401).
         */
        @WithDefault("true")
        boolean justInTime();

        /** The provider's name on the report pages' "sign in with …" link. */
        @WithDefault("SSO")
        String providerName();

        /** How a token finds a local account. */
        enum LinkBy {
            SUBJECT, EMAIL
        }
    }
}
