package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.rubric.AnswerDocument;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.scoring.Answer;
import io.servicegrade.scoring.Breakdown;
import io.servicegrade.scoring.Scoring;
import io.servicegrade.scheme.SchemeHistory;
import io.servicegrade.standing.StandingInputs;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes in evaluations: a batch is checked whole (every problem reported at once), scored, and written in one
 * transaction with one statement per table, or not at all. Resending an evaluation returns the stored one;
 * a changed resend needs a reason and becomes a revision. Corrections and voids add revisions; nothing is
 * overwritten.
 */
@ApplicationScoped
public class EvaluationService {

    static final int MAX_BATCH = 5_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    EvaluationRepository repository;

    @Inject
    UnitRepository units;

    @Inject
    RubricService rubrics;

    @Inject
    ServiceGradeConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    Transactions transactions;

    @Inject
    StandingInputs standings;

    Clock clock = Clock.systemUTC();

    /** What became of one evaluation of a batch: {@code created}, {@code existing} or {@code revised}. */
    public record Outcome(String externalId, long id, BigDecimal score, boolean vetoed, String outcome) {
    }

    /** An evaluation ready to write: where it goes, how it scored, and its canonical content. */
    record Prepared(Submission submission, long unitId, int rubricVersion, Breakdown breakdown, String answers,
            String evidence, String contentHash) {
    }

    /** Reads, checks and scores a batch body ({@code {"evaluations": [...]}}), then stores it. */
    public Uni<List<Outcome>> submit(Caller caller, JsonNode body) {
        List<JsonNode> items = items(body);
        SubmissionReader reader = new SubmissionReader(clock);
        List<Submission> submissions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Submission submission = reader.read(i, items.get(i), "/evaluations/" + i);
            if (submission != null) {
                submissions.add(submission);
            }
        }
        List<Violation> forbidden = new ArrayList<>();
        for (Submission s : submissions) {
            if (!caller.maySubmit(s.source())) {
                forbidden.add(Violation.at("/evaluations/" + s.index() + "/source",
                        m -> m.sourceNotAllowed(s.source())));
            }
        }
        if (!forbidden.isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                    ProblemMessages::sourcesNotAllowed, forbidden));
        }
        return prepare(submissions, reader.violations, "/evaluations")
                .flatMap(prepared -> store(caller, prepared))
                .onFailure(EvaluationService::isUniqueViolation)
                .recoverWithUni(() -> prepare(submissions, List.of(), "/evaluations")
                        .flatMap(prepared -> store(caller, prepared)));
    }

    private static List<JsonNode> items(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        List<Violation> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("evaluations")) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        JsonNode array = body.get("evaluations");
        if (array == null || !array.isArray()) {
            problems.add(Violation.at("/evaluations", array == null ? m -> m.required() : m -> m.wrongType("array")));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        if (array.size() > MAX_BATCH) {
            int count = array.size();
            throw new ProblemException(413, "payload-too-large", ProblemMessages::payloadTooLargeTitle,
                    m -> m.tooManyEvaluations(MAX_BATCH, count));
        }
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    /**
     * Resolves units and rubric versions for the submissions and scores them; fails with every problem of the
     * batch, those found while reading ({@code earlier}) included. {@code prefix} is where the list sits in
     * the request ({@code /evaluations}).
     */
    Uni<List<Prepared>> prepare(List<Submission> submissions, List<Violation> earlier, String prefix) {
        Set<String> unitCodes = new HashSet<>();
        Set<String> rubricKeys = new HashSet<>();
        submissions.forEach(s -> {
            unitCodes.add(s.unit());
            rubricKeys.add(s.rubricKey());
        });
        return units.idsByCodes(unitCodes).flatMap(unitIds -> versionsInForce(rubricKeys).flatMap(versions -> {
            List<Violation> problems = new ArrayList<>(earlier);
            List<String> known = config.evaluations().sources();
            Map<String, Integer> firstIndex = new HashMap<>();
            Map<String, Integer> chosen = new HashMap<>();
            List<Submission> scorable = new ArrayList<>();
            for (Submission s : submissions) {
                String at = prefix + "/" + s.index();
                int before = problems.size();
                if (!known.contains(s.source())) {
                    String all = String.join(", ", known);
                    problems.add(Violation.at(at + "/source", m -> m.unknownSource(s.source(), all)));
                }
                if (!unitIds.containsKey(s.unit())) {
                    problems.add(Violation.at(at + "/unit", m -> m.unitNotFound(s.unit())));
                }
                Integer version = versionFor(s, versions.get(s.rubricKey()));
                if (version == null) {
                    String rubric = s.rubricKey() + (s.rubricVersion() == null ? "" : "@" + s.rubricVersion());
                    problems.add(Violation.at(at + "/rubric", m -> m.unknownRubric(rubric)));
                }
                Integer other = firstIndex.putIfAbsent(s.externalId(), s.index());
                if (other != null) {
                    problems.add(Violation.at(at + "/externalId", m -> m.duplicateExternalId(s.externalId(), other)));
                }
                if (problems.size() == before) {
                    chosen.put(s.externalId() + "#" + s.index(), version);
                    scorable.add(s);
                }
            }
            return scoreAll(scorable, chosen, unitIds, problems, prefix).map(prepared -> {
                if (!problems.isEmpty()) {
                    problems.sort(Comparator.comparing(Violation::pointer, EvaluationService::byIndex));
                    throw ProblemException.invalid(problems);
                }
                return prepared;
            });
        }));
    }

    /** Orders pointers by the evaluation's index, then as text. */
    private static int byIndex(String a, String b) {
        int ia = index(a);
        int ib = index(b);
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    private static int index(String pointer) {
        String[] parts = pointer.split("/");
        try {
            return parts.length > 2 ? Integer.parseInt(parts[2]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Uni<List<Prepared>> scoreAll(List<Submission> scorable, Map<String, Integer> chosen,
            Map<String, Long> unitIds, List<Violation> problems, String prefix) {
        Set<String> needed = new LinkedHashSet<>();
        scorable.forEach(s -> needed.add(s.rubricKey() + "@" + chosen.get(s.externalId() + "#" + s.index())));
        List<Uni<RubricService.Version>> loads = needed.stream().map(id -> {
            String[] parts = id.split("@");
            return rubrics.version(parts[0], Integer.parseInt(parts[1]));
        }).toList();
        Uni<List<RubricService.Version>> loaded = loads.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(loads).andFailFast();
        return loaded.map(list -> {
            Map<String, RubricService.Version> byId = new HashMap<>();
            list.forEach(v -> byId.put(v.version().key() + "@" + v.version().version(), v));
            List<Prepared> prepared = new ArrayList<>(scorable.size());
            for (Submission s : scorable) {
                int version = chosen.get(s.externalId() + "#" + s.index());
                RubricService.Version rubric = byId.get(s.rubricKey() + "@" + version);
                String at = prefix + "/" + s.index() + "/answers";
                AnswerDocument.Read read = AnswerDocument.read(s.answers());
                if (!read.problems().isEmpty()) {
                    problems.addAll(RubricService.violations(at, read.problems()));
                    continue;
                }
                Scoring scoring = rubric.scorer().score(read.answers());
                if (!scoring.ok()) {
                    problems.addAll(RubricService.violations(at, scoring.problems()));
                    continue;
                }
                prepared.add(prepared(s, unitIds.get(s.unit()), version, read.answers(), scoring.breakdown()));
            }
            return prepared;
        });
    }

    Prepared prepared(Submission s, long unitId, int version, List<Answer> answers, Breakdown breakdown) {
        List<Answer> sorted = new ArrayList<>(answers);
        sorted.sort(Comparator.comparing(Answer::item));
        ArrayNode canonicalAnswers = AnswerDocument.write(sorted);
        ObjectNode content = JSON.objectNode();
        content.put("source", s.source());
        content.put("unit", s.unit());
        content.put("rubric", s.rubricKey() + "@" + version);
        content.put("conductedAt", s.conductedAt().toInstant().toString());
        content.put("evaluator", s.evaluator());
        content.set("answers", canonicalAnswers);
        content.set("evidence", s.evidence());
        content.put("comment", s.comment());
        String answersText = write(canonicalAnswers);
        return new Prepared(s, unitId, version, breakdown, answersText, write(s.evidence()), Sha256.hex(write(content)));
    }

    /** For each rubric key, its versions and when each came into force, oldest first. */
    Uni<Map<String, List<Object[]>>> versionsInForce(Set<String> keys) {
        return pool.preparedQuery("SELECT rubric_key, version, created_at FROM rubric_version"
                + " WHERE rubric_key = ANY($1) ORDER BY rubric_key, version")
                .execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<Object[]>> versions = new HashMap<>();
                    rows.forEach(row -> versions.computeIfAbsent(row.getString("rubric_key"), k -> new ArrayList<>())
                            .add(new Object[] {row.getInteger("version"), row.getOffsetDateTime("created_at")}));
                    return versions;
                });
    }

    /**
     * The version named, or the one in force when the evaluation was conducted: the latest created by then,
     * or the first if the rubric did not exist yet (results recorded on paper before the rubric was loaded).
     */
    static Integer versionFor(Submission s, List<Object[]> versions) {
        if (versions == null || versions.isEmpty()) {
            return null;
        }
        if (s.rubricVersion() != null) {
            return versions.stream().anyMatch(v -> v[0].equals(s.rubricVersion())) ? s.rubricVersion() : null;
        }
        Integer chosen = (Integer) versions.get(0)[0];
        for (Object[] v : versions) {
            if (!((OffsetDateTime) v[1]).isAfter(s.conductedAt())) {
                chosen = (Integer) v[0];
            }
        }
        return chosen;
    }

    Uni<List<Outcome>> store(Caller caller, List<Prepared> prepared) {
        List<String> externalIds = prepared.stream().map(p -> p.submission().externalId()).toList();
        return standings.schemes().flatMap(schemes -> transactions.write(connection -> repository.known(
                connection, caller.scope(), externalIds)
                .flatMap(known -> {
                    List<Violation> conflicts = new ArrayList<>();
                    int fresh = 0;
                    for (Prepared p : prepared) {
                        EvaluationRepository.Known k = known.get(p.submission().externalId());
                        if (k == null) {
                            fresh++;
                        } else if (!k.contentHash().equals(p.contentHash())
                                && (p.submission().reason() == null || k.status().equals("voided"))) {
                            String externalId = k.externalId();
                            long id = k.id();
                            conflicts.add(Violation.at("/evaluations/" + p.submission().index() + "/externalId",
                                    m -> k.status().equals("voided") ? m.evaluationVoided(id)
                                            : m.externalIdTaken(externalId, id)));
                        }
                    }
                    if (!conflicts.isEmpty()) {
                        throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle,
                                conflicts.size() == 1 ? conflicts.get(0).message() : ProblemMessages::conflictTitle,
                                conflicts);
                    }
                    return repository.newIds(connection, fresh).flatMap(ids -> write(connection, schemes, caller,
                            prepared, known, ids));
                })));
    }

    private Uni<List<Outcome>> write(io.vertx.mutiny.sqlclient.SqlConnection connection,
            List<SchemeHistory> schemes, Caller caller, List<Prepared> prepared,
            Map<String, EvaluationRepository.Known> known, List<Long> ids) {
        List<EvaluationRepository.Write> inserts = new ArrayList<>();
        List<EvaluationRepository.Write> revisions = new ArrayList<>();
        List<StandingInputs.Touch> revisedFrom = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(prepared.size());
        int next = 0;
        for (Prepared p : prepared) {
            Submission s = p.submission();
            EvaluationRepository.Known k = known.get(s.externalId());
            Breakdown b = p.breakdown();
            if (k == null) {
                EvaluationRepository.Write w = write(ids.get(next++), 1, "created", p, null, "active");
                inserts.add(w);
                outcomes.add(new Outcome(s.externalId(), w.id(), b.score(), b.vetoed(), "created"));
            } else if (k.contentHash().equals(p.contentHash())) {
                outcomes.add(new Outcome(s.externalId(), k.id(), k.score(), k.vetoed(), "existing"));
            } else {
                revisions.add(write(k.id(), k.revision() + 1, "revised", p, s.reason(), "active"));
                revisedFrom.add(new StandingInputs.Touch(k.unitId(), k.source(), k.rubricKey(), k.conductedAt()));
                outcomes.add(new Outcome(s.externalId(), k.id(), b.score(), b.vetoed(), "revised"));
            }
        }
        List<EvaluationRepository.Write> history = new ArrayList<>(inserts);
        history.addAll(revisions);
        return repository.insert(connection, caller.scope(), inserts)
                .flatMap(done -> repository.revise(connection, revisions))
                .flatMap(done -> repository.history(connection, caller.keyId(), history))
                .flatMap(done -> standings.refresh(connection, schemes, touches(history, revisedFrom)))
                .replaceWith(outcomes);
    }

    private EvaluationRepository.Write write(long id, int revision, String kind, Prepared p, String reason,
            String status) {
        Submission s = p.submission();
        Breakdown b = p.breakdown();
        return new EvaluationRepository.Write(id, revision, kind, s.externalId(), s.source(), p.unitId(),
                s.rubricKey(), p.rubricVersion(), s.conductedAt(), s.evaluator(), b.score(), b.vetoed(), p.answers(),
                p.evidence(), s.comment(), write(compact(b)), p.contentHash(), reason, status);
    }

    /** The standings groups that written evaluations are in now, and those revised ones were in before. */
    private static List<StandingInputs.Touch> touches(List<EvaluationRepository.Write> writes,
            List<StandingInputs.Touch> before) {
        List<StandingInputs.Touch> touches = new ArrayList<>(before);
        writes.forEach(w -> touches.add(new StandingInputs.Touch(w.unitId(), w.source(), w.rubricKey(),
                w.conductedAt())));
        return touches;
    }

    /** The numbers of a breakdown that aggregation needs; the words are produced again on reading. */
    static ObjectNode compact(Breakdown b) {
        ObjectNode node = JSON.objectNode();
        node.put("available", b.available());
        node.put("awarded", b.awarded());
        node.put("score", b.score());
        node.put("vetoed", b.vetoed());
        if (b.vetoedBy() != null) {
            node.put("vetoedBy", b.vetoedBy());
        }
        ObjectNode items = node.putObject("items");
        for (Breakdown.SectionScore section : b.sections()) {
            for (Breakdown.ItemScore item : section.items()) {
                ObjectNode i = items.putObject(item.key());
                if (item.notApplicable()) {
                    i.put("notApplicable", true);
                } else {
                    i.put("awarded", item.awarded());
                }
                if (item.satisfactionRate() != null) {
                    i.put("satisfactionRate", item.satisfactionRate());
                }
            }
        }
        return node;
    }

    // Corrections

    /** Body of a revision: new answers (and optionally evidence and comment), and the reason. */
    public Uni<StoredEvaluation> revise(Caller caller, long id, JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!Set.of("answers", "evidence", "comment", "reason").contains(name)) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        String reason = reason(body, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return standings.schemes().flatMap(schemes -> revise(caller, id, body, reason, schemes))
                .flatMap(done -> repository.find(id));
    }

    /**
     * Prepares the revision from the evaluation as it stands outside any transaction (preparing reads units and
     * rubrics on connections of its own: a transaction that waits for them while holding one can wait forever
     * once the pool is held that way), then writes it if the evaluation has not changed since, or starts again.
     */
    private Uni<Void> revise(Caller caller, long id, JsonNode body, String reason, List<SchemeHistory> schemes) {
        return repository.find(id).flatMap(found -> {
            StoredEvaluation current = changeable(caller, found, id);
            ObjectNode resend = JSON.objectNode();
            resend.put("externalId", current.externalId());
            resend.put("source", current.source());
            resend.put("unit", current.unitCode());
            resend.put("rubric", current.rubricKey() + "@" + current.rubricVersion());
            resend.put("conductedAt", current.conductedAt().toString());
            if (current.evaluator() != null) {
                resend.put("evaluator", current.evaluator());
            }
            resend.set("answers", body.has("answers") ? body.get("answers") : current.answers());
            resend.set("evidence", body.has("evidence") ? body.get("evidence") : current.evidence());
            JsonNode comment = body.has("comment") ? body.get("comment")
                    : current.comment() == null ? null : JSON.textNode(current.comment());
            if (comment != null) {
                resend.set("comment", comment);
            }
            resend.put("reason", reason);
            // The stored facts were accepted once; a revision is not refused because time has passed since.
            SubmissionReader reader = new SubmissionReader(Clock.offset(clock, java.time.Duration.ofDays(36_500)));
            Submission submission = reader.read(0, resend, "");
            if (submission == null) {
                throw ProblemException.invalid(reader.violations);
            }
            return prepare(List.of(submission), List.of(), "").map(list -> list.get(0))
                    .onFailure(ProblemException.class).transform(e -> unprefixed((ProblemException) e))
                    .flatMap(p -> transactions.write(connection -> owned(connection, caller, id).flatMap(locked -> {
                        if (locked.revision() != current.revision()) {
                            return Uni.createFrom().item(false);
                        }
                        EvaluationRepository.Write w = write(id, current.revision() + 1, "revised", p, reason,
                                "active");
                        return repository.revise(connection, List.of(w))
                                .flatMap(done -> repository.history(connection, caller.keyId(), List.of(w)))
                                .flatMap(done -> standings.refresh(connection, schemes, touches(List.of(w),
                                        List.of(new StandingInputs.Touch(current.unitId(), current.source(),
                                                current.rubricKey(), current.conductedAt())))))
                                .replaceWith(true);
                    })))
                    .flatMap(written -> written ? Uni.createFrom().voidItem()
                            : revise(caller, id, body, reason, schemes));
        });
    }

    /** Voids an evaluation, with a reason: it stays readable, with its history, and counts no more. */
    public Uni<StoredEvaluation> voidIt(Caller caller, long id, JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        String reason = reason(body, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return standings.schemes().flatMap(schemes -> transactions.write(connection -> owned(connection, caller, id)
                .flatMap(current -> connection.preparedQuery("SELECT breakdown::text FROM evaluation WHERE id = $1")
                        .execute(Tuple.of(id))
                        .map(rows -> new EvaluationRepository.Write(id, current.revision() + 1, "voided",
                                current.externalId(), current.source(), current.unitId(), current.rubricKey(),
                                current.rubricVersion(), current.conductedAt(), current.evaluator(), current.score(),
                                current.vetoed(), write(current.answers()), write(current.evidence()),
                                current.comment(), rows.iterator().next().getString(0), current.contentHash(), reason,
                                "voided")))
                .flatMap(w -> repository.revise(connection, List.of(w))
                        .flatMap(done -> repository.history(connection, caller.keyId(), List.of(w)))
                        .flatMap(done -> standings.refresh(connection, schemes, touches(List.of(w), List.of()))))))
                .flatMap(done -> repository.find(id));
    }

    /** The evaluation, locked for change, if the caller may change it and it is not voided. */
    private Uni<StoredEvaluation> owned(io.vertx.mutiny.sqlclient.SqlConnection connection, Caller caller, long id) {
        return repository.find(connection, id, true).map(current -> changeable(caller, current, id));
    }

    /** The evaluation, if the caller may change it and it is not voided. */
    private static StoredEvaluation changeable(Caller caller, StoredEvaluation current, long id) {
        check(caller, current, id);
        if (current.voided()) {
            throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle, m -> m.evaluationVoided(id));
        }
        return current;
    }

    /** Fails unless the evaluation exists and the caller may see it (the admin, or the agency that sent it). */
    static void check(Caller caller, StoredEvaluation evaluation, long id) {
        if (evaluation == null) {
            throw ProblemException.notFound(m -> m.evaluationNotFound(id));
        }
        if (!caller.isAdmin() && evaluation.agencyScope() != caller.scope()) {
            throw new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                    m -> m.notYourEvaluation(id));
        }
    }

    public Uni<StoredEvaluation> get(Caller caller, long id) {
        return repository.find(id).map(found -> {
            check(caller, found, id);
            return found;
        });
    }

    /** The full breakdown of an evaluation's current answers, scored again by its rubric version. */
    public Uni<Breakdown> breakdown(StoredEvaluation evaluation) {
        return rubrics.version(evaluation.rubricKey(), evaluation.rubricVersion()).map(version -> {
            AnswerDocument.Read read = AnswerDocument.read(evaluation.answers());
            return version.scorer().score(read.answers()).breakdown();
        });
    }

    private static String reason(JsonNode body, List<Violation> problems) {
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull() || !reason.isTextual() || reason.asText().isBlank()) {
            problems.add(Violation.at("/reason", reason == null || reason.isNull() || reason.isTextual()
                    ? m -> m.required() : m -> m.wrongType("string")));
            return null;
        }
        if (reason.asText().length() > 2000) {
            problems.add(Violation.at("/reason", m -> m.tooLong(2000)));
        }
        return reason.asText();
    }

    private static ProblemException unprefixed(ProblemException e) {
        List<Violation> violations = e.violations().stream()
                .map(v -> Violation.at(v.pointer().replaceFirst("^/0(?=/|$)", ""), v.message())).toList();
        return new ProblemException(e.status(), e.type(), e.title(), e.detail(), violations);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
