package io.servicegrade.report;

import io.servicegrade.platform.audit.AuditActions;
import io.servicegrade.platform.audit.AuditEvent;
import io.servicegrade.platform.audit.AuditIntent;
import io.servicegrade.platform.audit.AuditIntents;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.evaluation.EvaluationQueries;
import io.servicegrade.evaluation.EvaluationRepository;
import io.servicegrade.evaluation.EvaluationService;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CallerResolver;
import io.servicegrade.platform.security.PasswordHasher;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.account.AccountService;
import io.servicegrade.account.RoleMessages;
import io.servicegrade.platform.http.Origins;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.standing.StandingService;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.servicegrade.platform.database.InTurn;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The printable report pages for managers: a home page, standings boards, unit scorecards, evaluation sheets,
 * publicity notices and bulletins, in Chinese or English, each table also as CSV. Standings pages are open like
 * the standings API; evaluation sheets and lists need an API key, given once on the sign-in page, which opens a
 * server-side session ({@link ReportSessionStore}) whose random id is an HttpOnly cookie that only these pages read.
 * Forms carry a CSRF token and refuse posts from other sites.
 */
@Path("/")
@Tag(name = "Reports", description = "Printable HTML report pages (Chinese and English) and their CSV tables")
public class ReportResource {

    /**
     * Where pages are built and rendered: tables of up to a whole board and their templates are CPU work, kept off
     * the event loop so other requests are not held up behind them.
     */
    private static final java.util.concurrent.Executor RENDERING = command -> io.smallrye.mutiny.infrastructure
            .Infrastructure.getDefaultWorkerPool().execute(command);

    static final String COOKIE = ReportSessionStore.COOKIE;
    static final int PAGE_SIZE = 100;

    @Inject
    io.servicegrade.appeal.AppealService appeals;

    @Inject
    io.servicegrade.standing.BoardAccess boardAccess;

    @Inject
    SchemeService schemes;

    @Inject
    Problems problems;

    @Inject
    io.servicegrade.platform.http.PageGate pages;

    @Inject
    StandingService standings;

    @Inject
    io.servicegrade.nomination.NominationService nominations;

    @Inject
    UnitService units;

    @Inject
    UnitRepository unitRepository;

    @Inject
    EvaluationService evaluations;

    @Inject
    EvaluationQueries evaluationQueries;

    @Inject
    EvaluationRepository evaluationRepository;

    @Inject
    CallerResolver callers;

    @Inject
    AuditIntents auditIntents;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    ReportSessionStore sessions;

    @Inject
    Languages languages;

    @Inject
    ServiceGradeConfig config;

    @Inject
    AccountService accounts;

    @Inject
    io.servicegrade.account.RoleTexts roleTexts;

    @CheckedTemplate
    static class Templates {
        // problem is also used by AccountAdminPage
        static native TemplateInstance home(Page page, List<SchemeEntry> schemes, boolean periodsNeedSignIn);

        static native TemplateInstance board(Page page, BoardView view, BoardRows.Shown shown,
                BoardFilters.Resolved filters);

        static native TemplateInstance scorecard(Page page, ScorecardView view, String unitAbove);

        static native TemplateInstance sheet(Page page, SheetView view, String unitPath);

        static native TemplateInstance notice(Page page, NoticeView view, NominationTables.View nominations);

        static native TemplateInstance bulletin(Page page, BulletinView view, List<AppealOutcome> appeals,
                NominationTables.View nominations);

        static native TemplateInstance signIn(Page page, String failed, String returnTo, String csrf);

        static native TemplateInstance problem(Page page, String detail, List<String> reasons);
    }

    /** A scheme on the home page, with its periods. */
    public record SchemeEntry(String key, String name, List<PeriodEntry> periods) {
    }

    /** A period on the home page: links to its pages. */
    /** A period on the home page; {@code closing}: the closing in force (issue 18), null unless closed. */
    public record PeriodEntry(String id, String label, boolean published, Integer closing, String standings,
            String notice, String bulletin, List<PartEntry> parts) {
    }

    /** Issue 17: a bulletin part of a period (a month of a quarter) on the home page: its board and bulletin. */
    public record PartEntry(String id, String label, String standings, String bulletin) {
    }

    /** What a standings board page shows besides its table. */
    public record BoardView(String scheme, String schemeName, String period, String periodLabel, int version,
            boolean published, List<Option> levels, List<Option> areas, List<Grade> grades, boolean groups) {
    }

    /** A choice of a filter. */
    public record Option(String value, String label, boolean selected) {
    }

    /** A grade and the class that colours it. */
    public record Grade(String key, String name, String css) {
    }

    /** Paging of a long table. */
    public record Pager(int page, int pages, String previous, String next) {
    }

    public record ScorecardView(String scheme, String schemeName, String unitCode, String unitName, String unitKind,
            String period, String periodLabel, Table periods, String chart, Table evaluations, boolean mayReadEvaluations,
            Table children) {
    }

    public record SheetView(long id, String unitCode, String unitName, String source, String rubric,
            String conductedAt, String evaluator, String agency, String status, String score, boolean vetoed,
            String vetoItem, String comment, List<SectionView> sections, List<EvidenceView> evidence,
            Table history, Table items) {
    }

    public record SectionView(String name, String max, String awarded, List<ItemView> items) {
    }

    public record ItemView(String name, String max, String awarded, boolean notApplicable, boolean vetoed,
            List<String> deductions, List<String> notes) {
    }

    public record EvidenceView(String kind, String uri, boolean linkable) {
    }

    /**
     * Where the period of a notice or bulletin stands (issue 18): a draft (marked so, watermark included, until it is
     * published), published for objection (with the window's real dates), or final (closed).
     */
    public record PeriodMark(String stage, boolean draft, String label, String text, String watermark) {
    }

    public record NoticeView(String schemeName, String periodLabel, PeriodMark mark, String objection,
            List<Table> tables) {
    }

    /** A bulletin and the outcomes of its period's decided appeals (issue 18). */
    private record BulletinPage(BulletinView view, List<AppealOutcome> appeals, NominationTables.View nominations) {
    }

    /** A decided appeal as the bulletin lists it: its unit, what it was against, the outcome and why. */
    public record AppealOutcome(long id, String against, String outcome, String reason, String correction,
            String decidedAt) {

        static AppealOutcome of(io.servicegrade.appeal.AppealView v, ReportMessages m, ReportLanguage language) {
            String against = v.evaluation() == null ? m.appealStandingOf(v.unit() + " " + v.unitName())
                    : m.appealEvaluationOf(v.evaluation(), v.unit() + " " + v.unitName());
            String correction = v.correction() == null ? "" : v.correction().equals("void")
                    ? m.appealVoided(v.correctionRevision()) : m.appealRevision(v.correctionRevision());
            return new AppealOutcome(v.id(), against, v.state().equals("upheld") ? m.appealStateUpheld()
                    : m.appealStateRejected(), v.decisionReason(), correction, language.time(v.decidedAt()));
        }
    }

    public record BulletinView(String schemeName, String periodLabel, PeriodMark mark, String level,
            List<Option> levels, Table groups, Table best, Table worst, GradeDistribution.View distribution) {
    }

    // Pages

    @GET
    @Operation(summary = "The reports home page lives at /reports (where its sign-in cookie is sent); this leads there")
    public Response home(@QueryParam("lang") String lang) {
        String tag = lang == null || lang.isBlank() ? null : ReportLanguage.of(lang, null).tag();
        return Response.seeOther(URI.create(tag == null ? ReportSessionStore.PATH : ReportSessionStore.PATH + "?lang=" + tag))
                .build();
    }

    @GET
    @Path("reports")
    @Operation(summary = "The reports home page: schemes and their periods")
    public Uni<Response> reportsHome(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        // issue 16: closed boards list no periods (their state is the boards') until someone signs in
        Uni<Boolean> boardsReadable = boardReader(session).map(reader -> true)
                .onFailure(ProblemException.class).recoverWithItem(false);
        return render(language, session, ReportSessionStore.PATH, Map.of(), page -> boardsReadable.flatMap(readable ->
                schemes.latestOfEach().flatMap(all -> {
            List<Uni<SchemeEntry>> entries = all.stream().map(v -> (readable ? standings.periods(v.scheme().key())
                    : Uni.createFrom().item(List.<StandingService.PeriodState>of()))
                    .map(periods -> new SchemeEntry(v.scheme().key(), v.scheme().name().in(language.tag()),
                            periods.stream().map(p -> {
                                Map<String, String> query = Map.of("scheme", v.scheme().key(), "period",
                                        p.period().id(), "lang", language.tag());
                                List<PartEntry> parts = p.bulletins().stream().map(part -> {
                                    Map<String, String> partQuery = Map.of("scheme", v.scheme().key(), "period",
                                            part, "lang", language.tag());
                                    return new PartEntry(part, language.period(io.servicegrade.scheme.Period
                                            .parseAny(part)), link("/reports/standings", partQuery),
                                            link("/reports/bulletin", partQuery));
                                }).toList();
                                return new PeriodEntry(p.period().id(), language.period(p.period()),
                                        p.publishedAt() != null, p.closing(), link("/reports/standings", query),
                                        link("/reports/notice", query), link("/reports/bulletin", query), parts);
                            }).toList()))).toList();
            // one scheme's periods after the other: a request holds one pooled connection at a time
            Uni<List<SchemeEntry>> joined = io.smallrye.mutiny.Multi.createFrom().iterable(entries)
                    .onItem().transformToUniAndConcatenate(entry -> entry).collect().asList();
            return joined.emitOn(RENDERING).map(list -> html(Templates.home(page.titled(m -> m.homeTitle(), null),
                    list, !readable), language));
        })));
    }

    @GET
    @Path("reports/standings")
    @Operation(summary = "A standings board: filters, sortable columns, grades, vetoes, group targets; CSV with "
            + "format=csv")
    public Uni<Response> board(@QueryParam("scheme") String scheme, @QueryParam("period") String period,
            @QueryParam("kind") String kind, @QueryParam("under") String under,
            @QueryParam("serviceLine") String serviceLine, @QueryParam("area") String area,
            @QueryParam("tag") String tag, @QueryParam("grade") String grade,
            @QueryParam("sort") String sort, @QueryParam("dir") String dir, @QueryParam("page") String pageNumber,
            @QueryParam("format") String format, @QueryParam("table") String tableId,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Map<String, String> query = query("scheme", scheme, "period", period, "kind", blank(kind), "under",
                blank(under), "serviceLine", blank(serviceLine), "area", blank(area), "tag", blank(tag), "grade",
                blank(grade), "sort", sort, "dir", dir, "page", pageNumber);
        // issue 17: graded units carrying the tag only; a tag no unit carries gives an empty board
        // issue 20: a unit or service line named by its name; one that names nothing is dropped with a notice
        BoardFilters.Resolved[] filters = new BoardFilters.Resolved[1];
        // issue 20: with the rows' paths, vetoes in words and recent periods (BoardFacts), read before drawing
        return render(language, session, "/reports/standings", query, page -> boardReader(session)
                .flatMap(reader -> BoardFilters.resolve(unitRepository, blank(under), blank(serviceLine),
                        reader.scope(), language).invoke(resolved -> filters[0] = resolved)
                        .flatMap(resolved -> standings.board(scheme, period, blank(kind), resolved.under(),
                                resolved.serviceLine(), blank(area), blank(tag), reader.scope())
                        .flatMap(board -> boardAccess.readable(board, reader.caller()))
                        .flatMap(board -> BoardFacts.load(units, evaluationRepository, evaluations, standings, board,
                                board.groupMode() ? board.groups() : board.units(), true, new BoardFacts.Filters(
                                        blank(kind), resolved.under(), resolved.serviceLine(), blank(area), blank(tag),
                                        reader.scope()))
                                // issue 20: the parent the rows are under, whose targets the summary checks
                                .flatMap(facts -> (resolved.under() == null || board.groupMode()
                                        ? Uni.createFrom().<io.servicegrade.unit.Unit>nullItem()
                                        : unitRepository.findByCode(resolved.under()))
                                        .map(parent -> io.smallrye.mutiny.tuples.Tuple3.of(board, facts,
                                                parent))))))
                .emitOn(RENDERING).map(pair -> {
                    StandingService.Board board = pair.getItem1();
                    BoardRows boardRows = new BoardRows(board, pair.getItem2(), language);
                    Table table = boardRows.enrich(ReportTables.board(board, language, "standings"));
                    boolean weakest = BoardRows.WEAKEST.equals(sort);
                    if (weakest) {
                        table = boardRows.weakestFirst(table);
                    } else if (sort != null) {
                        table = table.sorted(sort, !"asc".equals(dir));
                    }
                    table = boardRows.filtered(table, blank(grade));
                    if (downloading(format)) {
                        return download(table, board.scheme().scheme().key() + "-" + board.period().id(), format);
                    }
                    Scheme s = board.scheme().scheme();
                    int pages = Math.max(1, (table.rows().size() + PAGE_SIZE - 1) / PAGE_SIZE);
                    int current = Math.min(pages, Math.max(1, parse(pageNumber)));
                    List<Option> levels = new ArrayList<>();
                    for (String k : ReportTables.levels(s, board)) {
                        levels.add(new Option(k, language.kind(k), k.equals(blank(kind))));
                    }
                    List<Option> areas = List.of(new Option("urban", language.area("urban"), "urban".equals(area)),
                            new Option("rural", language.area("rural"), "rural".equals(area)));
                    BoardView view = new BoardView(s.key(), s.name().in(language.tag()), board.period().id(),
                            language.period(board.period()), board.scheme().version(), board.publishedAt() != null,
                            levels, areas, ReportTables.grades(s, language), board.groupMode());
                    Page titled = page.titled(m -> m.boardTitle(), view.schemeName() + " · " + view.periodLabel());
                    Table shown = table.slice((current - 1) * PAGE_SIZE, PAGE_SIZE);
                    return html(Templates.board(titled, view, new BoardRows.Shown(boardRows.summary(page.page(),
                            table.rows().size(), current, pages, PAGE_SIZE, blank(grade), weakest), shown,
                            boardRows.lines(shown), UnitTargets.of(board, pair.getItem3(), language)), filters[0]),
                            language);
                }));
    }

    @GET
    @Path("reports/scorecard")
    @Operation(summary = "A unit's scorecard: its standing over the scheme's periods with a trend chart, its "
            + "evaluations of a period (signed in), and for a group its children's standings")
    public Uni<Response> scorecard(@QueryParam("scheme") String scheme, @QueryParam("unit") String unitCode,
            @QueryParam("period") String period, @QueryParam("format") String format,
            @QueryParam("table") String tableId, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Map<String, String> query = query("scheme", scheme, "unit", unitCode, "period", period);
        return render(language, session, "/reports/scorecard", query, page -> boardReader(session)
                .flatMap(reader -> InTurn.all(units.get(unitCode), schemes.latest(scheme), standings.periods(scheme),
                        caller(session)).flatMap(t -> (reader.scope() == null ? Uni.createFrom().item(true)
                        : unitRepository.inScope(t.getItem1().id(), reader.scope())).flatMap(visible -> {
                            if (!visible) {
                                // a unit outside a scoped reader's scope is answered as one that does not exist
                                throw ProblemException.notFound(m -> m.unitNotFound(unitCode));
                            }
                            return new Scorecards(standings, units, evaluationQueries, language, reader.scope(),
                                    board -> boardAccess.readable(board, reader.caller()), evaluationRepository,
                                    evaluations)
                                    .build(t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(), period)
                                    // issue 20: the heading names the units above this one, after the view
                                    .flatMap(view -> UnitPaths.above(units, t.getItem1())
                                            .map(above -> io.smallrye.mutiny.tuples.Tuple2.of(view, above)));
                        })))
                .emitOn(RENDERING).map(headed -> {
                    ScorecardView view = headed.getItem1();
                    if (downloading(format)) {
                        Table table = "evaluations".equals(tableId) && view.evaluations() != null
                                ? view.evaluations()
                                : "children".equals(tableId) && view.children() != null ? view.children()
                                        : view.periods();
                        return download(table, view.unitCode() + "-" + table.id(), format);
                    }
                    return html(Templates.scorecard(page.titled(m -> m.scorecardTitle(), view.schemeName() + " · "
                            + view.unitName()), view, headed.getItem2()), language);
                }));
    }

    @GET
    @Path("reports/evaluations/{id}")
    @Operation(summary = "One evaluation laid out like its paper form, printable on A4 (signed in)")
    public Uni<Response> sheet(@PathParam("id") long id, @QueryParam("format") String format,
            @QueryParam("table") String tableId, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = "/reports/evaluations/" + id;
        // An unreachable database fails the sign-in lookup too; the page then says so in the reader's language.
        return caller(session).onFailure().recoverWithNull().flatMap(caller -> {
            if (caller == null) {
                return Uni.createFrom().item(Response.seeOther(URI.create(link("/reports/sign-in",
                        Map.of("return", path, "lang", language.tag())))).build());
            }
            return render(language, session, path, Map.of(), page -> evaluations.get(caller, id).flatMap(stored ->
                    InTurn.all(evaluations.breakdown(stored),
                            evaluationRepository.histories(List.of(id)),
                            unitRepository.findByIds(List.of(stored.unitId())))
                            // issue 20: the unit named by its full path, read after the rest
                            .flatMap(t -> BoardFacts.paths(units, t.getItem3())
                                    .map(paths -> io.smallrye.mutiny.tuples.Tuple2.of(t, paths)))
                            .emitOn(RENDERING)
                            .map(read -> {
                                var t = read.getItem1();
                                SheetView view = ReportTables.sheet(stored, t.getItem1(),
                                        t.getItem2().getOrDefault(id, List.of()), t.getItem3().get(0), language);
                                if (downloading(format)) {
                                    return download("history".equals(tableId) ? view.history() : view.items(),
                                            "evaluation-" + id, format);
                                }
                                return html(Templates.sheet(page.titled(m -> m.sheetTitle(), view.unitName() + " · "
                                        + view.conductedAt()), view, read.getItem2().getOrDefault(view.unitCode(),
                                        view.unitName())), language);
                            })));
        });
    }

    @GET
    @Path("reports/notice")
    @Operation(summary = "The publicity notice (公示) of a period: units proposed for each grade, objection period")
    public Uni<Response> notice(@QueryParam("scheme") String scheme, @QueryParam("period") String period,
            @QueryParam("format") String format, @QueryParam("table") String tableId,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return render(language, session, "/reports/notice", query("scheme", scheme, "period", period),
                page -> boardScope(session).flatMap(scope -> standings.board(scheme, period, null, null, null, null,
                        scope).flatMap(board -> nominations(scheme, board.period().id(), scope, language)
                        .flatMap(shown -> BoardFacts.paths(units, board.units())
                                .map(paths -> io.smallrye.mutiny.tuples.Tuple3.of(board, shown, paths)))))
                        .emitOn(RENDERING).map(pair -> {
                    StandingService.Board board = pair.getItem1();
                    NominationTables.View nominations = pair.getItem2();
                    NoticeView found = ReportTables.notice(board, language);
                    // issue 20: each proposed unit by its full path (branch › outlet › window)
                    NoticeView view = new NoticeView(found.schemeName(), found.periodLabel(), found.mark(),
                            found.objection(), found.tables().stream().map(t -> BoardRows.withPaths(t,
                                    pair.getItem3())).toList());
                    if (downloading(format)) {
                        Table table = view.tables().stream().filter(t -> t.id().equals(tableId)).findFirst()
                                .orElse(nominations.table(tableId) != null ? nominations.table(tableId)
                                        : view.tables().isEmpty() ? null : view.tables().get(0));
                        if (table != null) {
                            return download(table, "notice-" + board.period().id() + "-" + table.id(), format);
                        }
                    }
                    return html(Templates.notice(page.titled(m -> m.noticeTitle(), view.schemeName() + " · "
                            + view.periodLabel()), view, nominations), language);
                }));
    }

    @GET
    @Path("reports/bulletin")
    @Operation(summary = "The bulletin (通报) of a period: each group's shares against targets, best and weakest "
            + "units, changes since the previous period")
    public Uni<Response> bulletin(@QueryParam("scheme") String scheme, @QueryParam("period") String period,
            @QueryParam("level") String level, @QueryParam("format") String format,
            @QueryParam("table") String tableId, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String groupLevel = blank(level) == null ? "branch" : level;
        return render(language, session, "/reports/bulletin", query("scheme", scheme, "period", period, "level",
                blank(level)), page -> boardReader(session).flatMap(reader -> standings.board(scheme, period, null,
                        null, null, null, reader.scope()).flatMap(board -> boardAccess.readable(board, reader.caller()))
                .flatMap(board -> standings.board(scheme, period, groupLevel, null, null, null, reader.scope())
                        .flatMap(groups -> previousGroups(scheme, board.period(), groupLevel, reader.scope())
                                .emitOn(RENDERING).map(previous -> ReportTables.bulletin(board, groups, previous,
                                        groupLevel, language)))
                        // issue 20: the best and weakest units by their paths, their vetoes in words
                        .flatMap(view -> BoardFacts.load(units, evaluationRepository, evaluations, standings, board,
                                WhyCells.units(board, view.best(), view.worst()), false, null)
                                .emitOn(RENDERING).map(facts -> WhyCells.bulletin(view, board, facts, language)))
                        // issue 18: the outcomes of the period's appeals, of the units the reader's board shows,
                        // then its nominees and benchmark units (one query after the other: one connection at a time)
                        .flatMap(view -> appeals.outcomes(scheme, board.period().id(), reader.scope())
                                .flatMap(outcomes -> nominations(scheme, period, reader.scope(), language)
                                        .map(shown -> new BulletinPage(view, outcomes.stream().map(o ->
                                                AppealOutcome.of(o, ReportTables.messages(language), language))
                                                .toList(), shown))))))
                .map(both -> {
                    BulletinView view = both.view();
                    NominationTables.View nominations = both.nominations();
                    if (downloading(format)) {
                        Table table = "best".equals(tableId) ? view.best() : "worst".equals(tableId) ? view.worst()
                                : "distribution".equals(tableId) ? view.distribution().table()
                                : nominations.table(tableId) != null ? nominations.table(tableId) : view.groups();
                        return download(table, "bulletin-" + period + "-" + table.id(), format);
                    }
                    return html(Templates.bulletin(page.titled(m -> m.bulletinTitle(), view.schemeName() + " · "
                            + view.periodLabel()), view, both.appeals(), nominations), language);
                }));
    }

    /**
     * Issue 18: the period's nominees and benchmark units as the pages show them, of the groups and units in the
     * reader's scope (null: all); a bulletin part (a month) has none of its own.
     */
    private Uni<NominationTables.View> nominations(String scheme, String period, List<Long> scope,
            ReportLanguage language) {
        // issue 20: each group and unit by its full path, read after them (one connection at a time)
        return InTurn.all(nominations.list(scheme, period, scope), nominations.benchmarks(scheme,
                period)).flatMap(t -> {
                    java.util.Set<String> codes = NominationTables.codes(t.getItem1(), t.getItem2());
                    return UnitPaths.of(unitRepository, units, codes)
                            .map(p -> NominationTables.of(t.getItem1(), t.getItem2(), p, language));
                });
    }

    /** The previous period's group board, or null when there is none to compare with. */
    private Uni<StandingService.Board> previousGroups(String scheme, Period period, String level,
            List<Long> scope) {
        return standings.board(scheme, period.previous().id(), level, null, null, null, scope)
                .onFailure(ProblemException.class).recoverWithNull();
    }

    // Signing in

    @GET
    @Path("reports/sign-in")
    public Uni<Response> signInForm(@QueryParam("return") String returnTo, @QueryParam("failed") String failed,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session, @CookieParam(ReportSessionStore.FORM_COOKIE) String form,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        // one token per browser, kept while it is sent back: two open sign-in tabs both work
        String token = ReportSessionStore.wellFormed(form) ? form : ReportSessionStore.newToken();
        return render(language, session, "/reports/sign-in", query("return", safeReturn(returnTo)), page -> Uni
                .createFrom().item(html(Templates.signIn(page.titled(m -> m.signInTitle(), null),
                        "account".equals(failed) ? "account" : failed != null ? "1" : "",
                        safeReturn(returnTo), token), language)))
                .map(response -> Response.fromResponse(response)
                        .cookie(cookie(ReportSessionStore.FORM_COOKIE, token, FORM_LIFETIME, request)).build());
    }

    @POST
    @Path("reports/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    public Uni<Response> signIn(@FormParam("key") String secret, @FormParam("login") String login,
            @FormParam("password") String password, @FormParam("return") String returnTo,
            @FormParam("lang") String lang, @FormParam("csrf") String csrf,
            @CookieParam(ReportSessionStore.FORM_COOKIE) String form, @HeaderParam("Accept-Language") String accept,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        // a password may hold any character but NUL-like controls are refused like every other field
        Response refused = refusedForm(language, "/reports/sign-in", request, ReportSessionStore.wellFormed(form)
                && ReportSessionStore.same(form, csrf), fields("key", secret, "login", login, "password", password,
                "lang", lang, "csrf", csrf));
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        String target = safeReturn(returnTo);
        String withLang = lang == null || lang.isBlank() ? target
                : target + (target.contains("?") ? "&" : "?") + "lang=" + language.tag();
        AuditIntent audit = AuditIntents.ofThisRequest();
        if (login != null && !login.isBlank()) {
            return signInAccount(login, password, target, withLang, language, request);
        }
        return callers.fromKey(secret).flatMap(caller -> {
            if (caller == null) {
                audit.signIn(AuditActions.PAGE_SIGN_IN_FAILED, AuditEvent.REFUSED, null, null);
                return Uni.createFrom().item(failedSignIn(target, "1", language));
            }
            audit.actor(caller.keyId(), caller.accountId(), caller.agencyId());
            return sessions.open(caller).map(opened -> signedIn(opened, withLang, request));
        });
    }

    /**
     * A person signs in with login and password (issue 16), by the API's own rules ({@link
     * AccountService#authenticate}): one answer for an unknown login, a wrong password and a disabled account;
     * a locked-out login, or an address with too many failures, gets a 429 page with Retry-After, its password
     * unchecked.
     */
    private Uni<Response> signInAccount(String login, String password, String target, String withLang,
            ReportLanguage language, HttpServerRequest request) {
        String normal = login.trim().toLowerCase(java.util.Locale.ROOT);
        if (password == null || password.isEmpty() || PasswordHasher.tooLong(password) || normal.length() > 320) {
            // nothing this long was ever a login or a password: refused without a hash, like the API's 422
            return Uni.createFrom().item(failedSignIn(target, "account", language));
        }
        return accounts.authenticate(normal, password)
                .flatMap(account -> sessions.openForAccount(account.id))
                .map(opened -> signedIn(opened, withLang, request))
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    ProblemException problem = (ProblemException) failure;
                    if (problem.status() == 429 && !"address-limited".equals(problem.type())) {
                        ReportMessages messages = ReportTables.messages(language);
                        Page page = new Page(language, messages.lockedOutTitle(), null,
                                language.time(OffsetDateTime.now()), "/reports/sign-in", Map.of(), null);
                        long seconds = problem.retryAfterSeconds() == null ? 1 : problem.retryAfterSeconds();
                        return Response.status(429).header("Retry-After", seconds).entity(Templates.problem(page,
                                        messages.accountLockedOut(seconds), List.of())
                                        .setAttribute("locale", language.locale()).render())
                                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
                    }
                    if (problem.status() == 401) {
                        return failedSignIn(target, "account", language);
                    }
                    // the server too busy to check a password (503), or too many failures from the reader's
                    // address (429): a page in the reader's language, Retry-After
                    ProblemMessages messages = languages.problemMessages(language.tag());
                    Page page = new Page(language, problem.title().in(messages), null,
                            language.time(OffsetDateTime.now()), "/reports/sign-in", Map.of(), null);
                    return Response.status(problem.status()).header("Retry-After", problem.retryAfterSeconds())
                            .entity(Templates.problem(page, problem.detail().in(messages), List.of())
                                    .setAttribute("locale", language.locale()).render())
                            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
                });
    }

    private static Response failedSignIn(String target, String which, ReportLanguage language) {
        return Response.seeOther(URI.create(link("/reports/sign-in", query("return", target, "failed", which,
                "lang", language.tag())))).build();
    }

    private static Response signedIn(ReportSessionStore.Opened opened, String target, HttpServerRequest request) {
        return Response.seeOther(URI.create(target))
                .cookie(cookie(ReportSessionStore.COOKIE, opened.token(), (int) opened.lifetime().toSeconds(),
                        request), cookie(ReportSessionStore.FORM_COOKIE, "", 0, request)).build();
    }

    @POST
    @Path("reports/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    public Uni<Response> signOut(@FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @CookieParam(ReportSessionStore.COOKIE) String session, @HeaderParam("Accept-Language") String accept,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        // without a session there is nothing to end, and the cookie is cleared all the same
        boolean tokenMatches = session == null || session.isEmpty()
                || ReportSessionStore.same(ReportSessionStore.csrfToken(session), csrf);
        Response refused = refusedForm(language, "/reports/sign-out", request, tokenMatches,
                fields("csrf", csrf, "lang", lang));
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        // the audit log names who signed out: the session's key, or its account (issue 16)
        AuditIntent audit = AuditIntents.ofThisRequest();
        return callers.sessionPrincipal(session).invoke(caller -> {
            if (caller != null) {
                audit.actor(caller.keyId(), caller.accountId(), caller.agencyId());
            }
        }).flatMap(caller -> sessions.close(session)).map(closed -> Response.seeOther(URI.create(
                ReportSessionStore.PATH + "?lang=" + language.tag())).cookie(cookie(ReportSessionStore.COOKIE, "", 0,
                        request)).build());
    }

    // issue 16: single sign-on
    /**
     * Sign-in with the organisation's identity provider (the authorization-code flow of quarkus-oidc, which
     * redirects to the provider and back here): the access token it ends with becomes the person's caller, as a
     * bearer token does, and opens the same server-side report session the key sign-in opens. The provider's own
     * session cookie is cleared: from here on the report session is what counts. 404 when single sign-on is off
     * ({@link SsoSignIn}).
     */
    @GET
    @Path(SsoSignIn.PATH)
    @Authenticated
    @Access(Access.Level.OPEN)
    public Uni<Response> signInWithProvider(@HeaderParam("Accept-Language") String accept,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(null, accept);
        // a sign-in, though a GET: recorded as the password sign-in is, by the name the provider gave (issue 16)
        AuditIntent audit = auditIntents.openPage(AuditActions.SIGN_IN);
        String[] named = new String[1];
        return identities.getDeferredIdentity().flatMap(identity -> {
            named[0] = identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            return callers.fromProviderSignIn(token == null ? null : token.getToken());
        }).flatMap(caller -> {
            NewCookie providerSession = new NewCookie.Builder(SsoSignIn.PROVIDER_COOKIE).value("")
                    .path(SsoSignIn.PATH).httpOnly(true).maxAge(0).secure(Origins.https(request)).build();
            // the report pages take a person with a role; what they then read follows the roles and scope
            if (caller == null || !caller.hasApiPowers()) {
                audit.signIn(AuditActions.SIGN_IN_FAILED, AuditEvent.REFUSED, named[0],
                        caller == null ? null : caller.accountId());
                return Uni.createFrom().item(Response.seeOther(URI.create(link("/reports/sign-in", query("failed",
                        "1", "lang", language.tag())))).cookie(providerSession).build());
            }
            audit.signIn(AuditActions.SIGN_IN, AuditEvent.OK, named[0], caller.accountId());
            return sessions.open(caller).map(opened -> Response.seeOther(URI.create(ReportSessionStore.PATH
                    + "?lang=" + language.tag())).cookie(cookie(ReportSessionStore.COOKIE, opened.token(),
                            (int) opened.lifetime().toSeconds(), request), providerSession).build());
        });
    }

    /** How long a sign-in form's token lasts (a page left open over lunch still signs in). */
    static final int FORM_LIFETIME = 2 * 60 * 60;

    /**
     * A report cookie: only for the report pages, never read by scripts (they have none), sent with top-level
     * links from elsewhere (Lax: a shared link to an evaluation sheet opens signed in; every change is a POST with a
     * token, which Lax never sends cross-site), and {@code Secure} when the reader came over HTTPS.
     */
    private static NewCookie cookie(String name, String value, int maxAge, HttpServerRequest request) {
        return new NewCookie.Builder(name).value(value).path(ReportSessionStore.PATH).httpOnly(true).maxAge(maxAge)
                .secure(Origins.https(request)).sameSite(NewCookie.SameSite.LAX).build();
    }

    /**
     * Why a form post is refused, as a page, or null when it may go on: a control character in a field (400), a
     * post another site sent, or a missing or forged CSRF token (403).
     */
    static Response refusedForm(ReportLanguage language, String path, HttpServerRequest request,
            boolean tokenMatches, Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (hasControl(field.getValue())) {
                return refusal(language, 400, path, m -> m.badCharacters(field.getKey()));
            }
        }
        if (Origins.crossSite(request) || !tokenMatches) {
            return refusal(language, 403, path, ReportMessages::crossSiteForm);
        }
        return null;
    }

    /** A form's fields by name (a missing one is null); {@code return} is not among them: it is made safe instead. */
    static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** A refusal before anything was looked up or changed, as a page in the reader's language. */
    static Response refusal(ReportLanguage language, int status, String path,
            Function<ReportMessages, String> detail) {
        ReportMessages messages = ReportTables.messages(language);
        String title = status == 403 ? messages.refusedTitle() : messages.badRequestTitle();
        Page page = new Page(language, title, null, language.time(OffsetDateTime.now()), path, Map.of(), null);
        return Response.status(status).entity(Templates.problem(page, detail.apply(messages), List.of())
                        .setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /**
     * Whether a text holds a character no field or parameter of the report pages takes (platform/json/InputRules:
     * a C0 control character, or half of a surrogate pair).
     */
    static boolean hasControl(String value) {
        return value != null && InputRules.firstBadCharacter(value, InputRules.Text.LINE) >= 0;
    }

    /** What a path of a report page may hold: RFC 3986's path and query characters, with valid escapes. */
    private static final java.util.regex.Pattern SAFE_TARGET = java.util.regex.Pattern.compile(
            "/reports(?:[/?](?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?");

    /**
     * Where to go after signing in: a report page of this server, as given, or else the reports home. Never
     * another site ({@code //host}), never outside /reports, never a path that is not a valid URI (a space or a
     * control character), never one that climbs out with {@code ..}.
     */
    static String safeReturn(String target) {
        return target != null && SAFE_TARGET.matcher(target).matches() && !target.contains("..")
                && !target.contains("//") ? target : ReportSessionStore.PATH;
    }

    // Plumbing

    /**
     * The scope of the boards this page shows (issue 16, {@link io.servicegrade.standing.BoardAccess}): null for the whole tree; a 401 (the
     * page says to sign in) when boards are not public and no one is signed in.
     */
    private Uni<List<Long>> boardScope(String session) {
        if (boardAccess.open()) {
            return Uni.createFrom().nullItem();
        }
        return caller(session).onFailure().recoverWithNull().map(boardAccess::scope);
    }

    /** Who reads this page's boards (null: no one signed in) and the scope they are bounded to (null: none). */
    record BoardReader(Caller caller, List<Long> scope) {
    }

    /**
     * The reader of this page's boards: the session's caller, and the scope of {@link #boardScope}; a 401 (the page
     * says to sign in) when boards are not public and no one is signed in. The caller decides whether a veto names
     * its evaluation ({@link io.servicegrade.standing.BoardAccess#readable}).
     */
    private Uni<BoardReader> boardReader(String session) {
        return caller(session).onFailure().recoverWithNull().map(caller -> new BoardReader(caller,
                boardAccess.open() ? null : boardAccess.scope(caller)));
    }

    /** The caller the session cookie stands for, or null. */
    private Uni<Caller> caller(String session) {
        return callers.fromSession(session);
    }

    /**
     * Renders a page: the frame first (language, print time, whether signed in), then the content; a problem
     * becomes a page in the same language, with the problem's status.
     */
    private Uni<Response> render(ReportLanguage language, String session, String path, Map<String, String> query,
            Function<PageFrame, Uni<Response>> content) {
        // An unreachable database fails the sign-in lookup too; the page then says so in the reader's language.
        return reader(session, language).onFailure().recoverWithNull().flatMap(reader -> {
            Map<String, String> withLang = new LinkedHashMap<>(query);
            withLang.put("lang", language.tag());
            PageFrame frame = new PageFrame(new Page(language, "", null, language.time(OffsetDateTime.now()),
                    path, withLang, reader != null ? ReportSessionStore.csrfToken(session) : null,
                    reader == null ? null : reader.label(), reader != null && reader.caller().isAdmin()));
            return pages.turn(() -> content.apply(frame)).onFailure().recoverWithItem(e -> {
                ProblemException problem = problems.of(e, "GET " + path);
                ProblemMessages messages = languages.problemMessages(language.tag());
                List<String> reasons = problem.violations().stream()
                        .map(v -> (v.field() != null ? v.field() : v.pointer()) + ": " + v.message().in(messages))
                        .toList();
                Page page = frame.page();
                return Response.status(problem.status()).entity(Templates.problem(new Page(language,
                                problem.title().in(messages), null, page.printedAt(), path, page.query(),
                                page.csrf(), page.signedInAs(), page.administrator()), problem.detail().in(messages),
                                reasons)
                        .setAttribute("locale", language.locale()).render())
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Retry-After", problem.retryAfterSeconds()).build();
            });
        });
    }

    /** Who reads a page: the session's principal, and for a person their name and roles in the page's language. */
    record Reader(Caller caller, String label) {
    }

    /**
     * The reader of a session, powers or not (a person of any role is shown as signed in, with a sign-out button),
     * or null when the cookie names no live session.
     */
    Uni<Reader> reader(String session, ReportLanguage language) {
        return callers.sessionPrincipal(session).flatMap(caller -> {
            if (caller == null || !caller.isAccount()) {
                return Uni.createFrom().item(caller == null ? null : new Reader(caller, null));
            }
            RoleMessages roles = roleTexts.in(language.chinese());
            return io.servicegrade.platform.database.EventLoopWork.start(() -> accounts.byId(caller.accountId()))
                    .map(shown -> new Reader(caller, shown.account().displayName + " ("
                            + String.join(language.chinese() ? "、" : ", ", shown.account().roleList().stream()
                                    .map(role -> role.name(roles)).toList()) + ")"));
        });
    }

    /** The frame of a page being built: its title is set by the page. */
    record PageFrame(Page page) {

        Page titled(Function<ReportMessages, String> title, String subtitle) {
            return new Page(page.lang(), title.apply(ReportTables.messages(page.lang())), subtitle,
                    page.printedAt(), page.path(), page.query(), page.csrf(), page.signedInAs(),
                    page.administrator());
        }

        String with(String name, String value) {
            return page.with(name, value);
        }
    }

    private static Response html(TemplateInstance template, ReportLanguage language) {
        return Response.ok(template.setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** Issue 20: whether the request asks for a table's download ({@code format=csv} or {@code xlsx}), not the page. */
    static boolean downloading(String format) {
        return "csv".equals(format) || "xlsx".equals(format);
    }

    /** A table's download: CSV, or an XLSX workbook for {@code format=xlsx}, from the same rows. */
    static Response download(Table table, String name, String format) {
        boolean xlsx = "xlsx".equals(format);
        return Response.ok(xlsx ? table.xlsx() : table.csv())
                .type(xlsx ? io.servicegrade.platform.csv.Xlsx.MEDIA_TYPE : "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_")
                        + "-" + table.id() + (xlsx ? ".xlsx" : ".csv") + "\"").build();
    }

    static String link(String path, Map<String, String> query) {
        return new Page(ReportLanguage.ZH, "", null, "", path, query, null).with("lang", query.get("lang"));
    }

    /** A page's query from name and value pairs, leaving out blank values. */
    static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                query.put(pairs[i], pairs[i + 1]);
            }
        }
        return query;
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int parse(String number) {
        try {
            return number == null ? 1 : Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
