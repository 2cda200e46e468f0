package io.servicegrade.platform.database;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table has one owner, and SQL lives only in the classes that own tables (docs/architecture.md, "Where each
 * rule lives"): a change to how a table is written is made in one place, and a transaction is opened in one place.
 * This reads the main sources; a new class that writes another's table, runs SQL outside an owner, or opens a
 * transaction of its own fails here, naming the file.
 */
class SqlOwnershipTest {

    private static final Path MAIN = Path.of("src/main/java/io/servicegrade");

    /** Each table and the one class that writes it. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            // entities, through Hibernate Reactive: their owners hold no SQL text, so no SQL may write them
            Map.entry("account", "AccountService.java"),
            Map.entry("account_import", "AccountImportRepository.java"),
            Map.entry("appeal", "AppealRepository.java"),
            Map.entry("agency", "AgencyService.java"),
            Map.entry("api_key", "ApiKeyService.java"),
            Map.entry("evaluation", "EvaluationRepository.java"),
            Map.entry("evaluation_revision", "EvaluationRepository.java"),
            Map.entry("figure_sample", "StandingInputRepository.java"),
            Map.entry("idempotency_key", "IdempotencyStore.java"),
            Map.entry("import_job", "ImportJobRepository.java"),
            Map.entry("nomination", "NominationRepository.java"),
            Map.entry("outbound_event", "OutboundEvents.java"),
            Map.entry("benchmark", "NominationRepository.java"),
            Map.entry("coverage_plan", "CoverageRepository.java"),
            Map.entry("coverage_interval", "CoverageRepository.java"),
            Map.entry("coverage_recount", "CoverageRepository.java"),
            Map.entry("report_session", "ReportSessionStore.java"),
            Map.entry("sign_in_failure", "AccountService.java"),
            Map.entry("standing_input", "StandingInputRepository.java"),
            Map.entry("standing_period", "StandingInputRepository.java"),
            Map.entry("standing_rebuild", "StandingInputRepository.java"),
            Map.entry("unit", "UnitRepository.java"),
            Map.entry("unit_tree_revision", "UnitRepository.java"),
            Map.entry("veto_event", "VetoEventRepository.java"),
            Map.entry("rectification", "RectificationRepository.java"),
            Map.entry("rectification_step", "RectificationRepository.java"),
            // issue 19: complaints register
            Map.entry("complaint", "ComplaintRepository.java"),
            Map.entry("transaction_volume", "ComplaintRepository.java"),
            // issue 19: webhooks
            Map.entry("webhook_subscription", "WebhookRepository.java"),
            Map.entry("webhook_delivery", "WebhookRepository.java"),
            Map.entry("webhook_attempt", "WebhookRepository.java"),
            // issue 19b: webhooks (the fan-out backstop's horizon)
            Map.entry("webhook_fanout", "WebhookRepository.java"));

    /**
     * The classes that may run SQL through the Vert.x client besides repositories: the versioned-document store
     * (rubric and scheme versions, through their repositories), the import claims (advisory locks on a connection
     * of their own), the readiness check ({@code SELECT 1} on its own connection), the outbox every feature
     * writes its events to over its own transaction (issue 19) and the trace a write transaction names for its
     * announcements (issue 22: {@code set_config}, no table).
     */
    private static final Set<String> SQL_BESIDES_REPOSITORIES = Set.of("DocumentVersions.java", "ImportClaims.java",
            "DatabaseReadiness.java", "OutboundEvents.java", "TraceHop.java");

    /**
     * A pool transaction. Hibernate Reactive's own, {@code Panache.withTransaction}, is its stack's one place, and
     * {@code Audited.withTransaction} is that same transaction carrying the action's audit row (issue 16).
     */
    private static final Pattern OPENS_TRANSACTION = Pattern.compile("(?<!Panache|Audited)\\.withTransaction\\(");

    /** A statement run through the Vert.x client: {@code preparedQuery(...)}, or {@code query(} with SQL text or a constant. */
    private static final Pattern RUNS_SQL = Pattern.compile("preparedQuery\\(|\\.query\\(\\s*(\"|[A-Z_]+\\))");

    @Test
    void eachTableIsWrittenByItsOwnerOnly() throws IOException {
        Map<String, List<String>> writers = new TreeMap<>();
        for (Path file : sources()) {
            String text = Files.readString(file);
            for (String table : OWNERS.keySet()) {
                Pattern writes = Pattern.compile("(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+" + table + "\\b");
                String name = file.getFileName().toString();
                if (writes.matcher(text).find() && !name.equals(OWNERS.get(table))) {
                    writers.computeIfAbsent(table, t -> new ArrayList<>()).add(MAIN.relativize(file).toString());
                }
            }
        }
        assertThat(writers).as("tables written outside their owner (table -> files)").isEmpty();
    }

    @Test
    void sqlRunsOnlyInRepositories() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : sources()) {
            String name = file.getFileName().toString();
            if (name.endsWith("Repository.java") || name.endsWith("Store.java")
                    || SQL_BESIDES_REPOSITORIES.contains(name)) {
                continue;
            }
            if (RUNS_SQL.matcher(Files.readString(file)).find()) {
                outside.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(outside).as("files that run SQL but are not repositories").isEmpty();
    }

    @Test
    void transactionsAreOpenedInOnePlace() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : sources()) {
            if (file.getFileName().toString().equals("Transactions.java")) {
                continue;
            }
            if (OPENS_TRANSACTION.matcher(Files.readString(file)).find()) {
                outside.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(outside).as("files that open pool transactions themselves instead of through Transactions")
                .isEmpty();
    }

    /**
     * A request holds one pooled connection at a time: reads it needs together go through {@link InTurn}, one after
     * the other, never through {@code Uni.combine().all()}, which would run each on a connection of its own at once.
     */
    @Test
    void readsARequestNeedsTogetherAreMadeInTurn() throws IOException {
        List<String> combining = new ArrayList<>();
        for (Path file : sources()) {
            if (!file.getFileName().toString().equals("InTurn.java")
                    && Files.readString(file).contains("Uni.combine().all()")) {
                combining.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(combining).as("files that combine reads at once instead of in turn (InTurn)").isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
