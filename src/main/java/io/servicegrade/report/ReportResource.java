package io.servicegrade.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.evaluation.EvaluationQueries;
import io.servicegrade.evaluation.EvaluationRepository;
import io.servicegrade.evaluation.EvaluationService;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CallerResolver;
import io.servicegrade.scheme.Period;
import io.servicegrade.scheme.Scheme;
import io.servicegrade.scheme.SchemeService;
import io.servicegrade.standing.StandingService;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
 * the standings API; evaluation sheets and lists need an API key, given once on the sign-in page and kept in an
 * HttpOnly cookie that only these pages read.
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

    static final String COOKIE = "sg_report_key";
    static final int PAGE_SIZE = 100;

    @Inject
    SchemeService schemes;

    @Inject
    Problems problems;

    @Inject
    StandingService standings;

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
    Languages languages;

    @Inject
    ServiceGradeConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Page page, List<SchemeEntry> schemes);

        static native TemplateInstance board(Page page, BoardView view, Table table, Pager pager);

        static native TemplateInstance scorecard(Page page, ScorecardView view);

        static native TemplateInstance sheet(Page page, SheetView view);

        static native TemplateInstance notice(Page page, NoticeView view);

        static native TemplateInstance bulletin(Page page, BulletinView view);

        static native TemplateInstance signIn(Page page, boolean failed, String returnTo);

        static native TemplateInstance problem(Page page, String detail, List<String> reasons);
    }

    /** A scheme on the home page, with its periods. */
    public record SchemeEntry(String key, String name, List<PeriodEntry> periods) {
    }

    /** A period on the home page: links to its pages. */
    public record PeriodEntry(String id, String label, boolean published, String standings, String notice,
            String bulletin) {
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

    public record NoticeView(String schemeName, String periodLabel, String from, String to, List<Table> tables) {
    }

    public record BulletinView(String schemeName, String periodLabel, String level, List<Option> levels,
            Table groups, Table best, Table worst) {
    }

    // Pages

    @GET
    @Operation(summary = "The reports home page: schemes and their periods")
    public Uni<Response> home(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(COOKIE) String key) {
        return reportsHome(lang, accept, key);
    }

    @GET
    @Path("reports")
    @Operation(summary = "The reports home page (the same as /)")
    public Uni<Response> reportsHome(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(COOKIE) String key) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return render(language, key, "/", Map.of(), page -> schemes.latestOfEach().flatMap(all -> {
            List<Uni<SchemeEntry>> entries = all.stream().map(v -> standings.periods(v.scheme().key())
                    .map(periods -> new SchemeEntry(v.scheme().key(), v.scheme().name().in(language.tag()),
                            periods.stream().map(p -> {
                                Map<String, String> query = Map.of("scheme", v.scheme().key(), "period",
                                        p.period().id(), "lang", language.tag());
                                return new PeriodEntry(p.period().id(), language.period(p.period()),
                                        p.publishedAt() != null, link("/reports/standings", query),
                                        link("/reports/notice", query), link("/reports/bulletin", query));
                            }).toList()))).toList();
            Uni<List<SchemeEntry>> joined = entries.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(entries).andFailFast();
            return joined.emitOn(RENDERING).map(list -> html(Templates.home(page.titled(m -> m.homeTitle(), null),
                    list), language));
        }));
    }

    @GET
    @Path("reports/standings")
    @Operation(summary = "A standings board: filters, sortable columns, grades, vetoes, group targets; CSV with "
            + "format=csv")
    public Uni<Response> board(@QueryParam("scheme") String scheme, @QueryParam("period") String period,
            @QueryParam("kind") String kind, @QueryParam("under") String under,
            @QueryParam("serviceLine") String serviceLine, @QueryParam("area") String area,
            @QueryParam("sort") String sort, @QueryParam("dir") String dir, @QueryParam("page") String pageNumber,
            @QueryParam("format") String format, @QueryParam("table") String tableId,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(COOKIE) String key) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Map<String, String> query = query("scheme", scheme, "period", period, "kind", blank(kind), "under",
                blank(under), "serviceLine", blank(serviceLine), "area", blank(area), "sort", sort, "dir", dir,
                "page", pageNumber);
        return render(language, key, "/reports/standings", query, page -> standings.board(scheme, period, blank(kind),
                blank(under), blank(serviceLine), blank(area)).emitOn(RENDERING).map(board -> {
                    Table table = ReportTables.board(board, language, "standings");
                    if (sort != null) {
                        table = table.sorted(sort, !"asc".equals(dir));
                    }
                    if ("csv".equals(format)) {
                        return csv(table, board.scheme().scheme().key() + "-" + board.period().id());
                    }
                    Scheme s = board.scheme().scheme();
                    int pages = Math.max(1, (table.rows().size() + PAGE_SIZE - 1) / PAGE_SIZE);
                    int current = Math.min(pages, Math.max(1, parse(pageNumber)));
                    Pager pager = new Pager(current, pages,
                            current > 1 ? page.with("page", Integer.toString(current - 1)) : null,
                            current < pages ? page.with("page", Integer.toString(current + 1)) : null);
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
                    return html(Templates.board(titled, view, table.slice((current - 1) * PAGE_SIZE, PAGE_SIZE),
                            pager), language);
                }));
    }

    @GET
    @Path("reports/scorecard")
    @Operation(summary = "A unit's scorecard: its standing over the scheme's periods with a trend chart, its "
            + "evaluations of a period (signed in), and for a group its children's standings")
    public Uni<Response> scorecard(@QueryParam("scheme") String scheme, @QueryParam("unit") String unitCode,
            @QueryParam("period") String period, @QueryParam("format") String format,
            @QueryParam("table") String tableId, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(COOKIE) String key) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Map<String, String> query = query("scheme", scheme, "unit", unitCode, "period", period);
        return render(language, key, "/reports/scorecard", query, page -> Uni.combine().all()
                .unis(units.get(unitCode), schemes.latest(scheme), standings.periods(scheme), caller(key))
                .asTuple().flatMap(t -> new Scorecards(standings, units, evaluationQueries, language)
                        .build(t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(), period))
                .emitOn(RENDERING).map(view -> {
                    if ("csv".equals(format)) {
                        Table table = "evaluations".equals(tableId) && view.evaluations() != null
                                ? view.evaluations()
                                : "children".equals(tableId) && view.children() != null ? view.children()
                                        : view.periods();
                        return csv(table, view.unitCode() + "-" + table.id());
                    }
                    return html(Templates.scorecard(page.titled(m -> m.scorecardTitle(), view.schemeName() + " · "
                            + view.unitName()), view), language);
                }));
    }

    @GET
    @Path("reports/evaluations/{id}")
    @Operation(summary = "One evaluation laid out like its paper form, printable on A4 (signed in)")
    public Uni<Response> sheet(@PathParam("id") long id, @QueryParam("format") String format,
            @QueryParam("table") String tableId, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(COOKIE) String key) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = "/reports/evaluations/" + id;
        // An unreachable database fails the sign-in lookup too; the page then says so in the reader's language.
        return caller(key).onFailure().recoverWithNull().flatMap(caller -> {
            if (caller == null) {
                return Uni.createFrom().item(Response.seeOther(URI.create(link("/reports/sign-in",
                        Map.of("return", path, "lang", language.tag())))).build());
            }
            return render(language, key, path, Map.of(), page -> evaluations.get(caller, id).flatMap(stored ->
                    Uni.combine().all().unis(evaluations.breakdown(stored),
                            evaluationRepository.histories(List.of(id)),
                            unitRepository.findByIds(List.of(stored.unitId()))).asTuple().emitOn(RENDERING)
                            .map(t -> {
                                SheetView view = ReportTables.sheet(stored, t.getItem1(),
                                        t.getItem2().getOrDefault(id, List.of()), t.getItem3().get(0), language);
                                if ("csv".equals(format)) {
                                    return csv("history".equals(tableId) ? view.history() : view.items(),
                                            "evaluation-" + id);
                                }
                                return html(Templates.sheet(page.titled(m -> m.sheetTitle(), view.unitName() + " · "
                                        + view.conductedAt()), view), language);
                            })));
        });
    }

    @GET
    @Path("reports/notice")
    @Operation(summary = "The publicity notice (公示) of a period: units proposed for each grade, objection period")
    public Uni<Response> notice(@QueryParam("scheme") String scheme, @QueryParam("period") String period,
            @QueryParam("format") String format, @QueryParam("table") String tableId,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(COOKIE) String key) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return render(language, key, "/reports/notice", query("scheme", scheme, "period", period),
                page -> standings.board(scheme, period, null, null, null, null).emitOn(RENDERING).map(board -> {
                    LocalDate from = board.publishedAt() == null ? LocalDate.now(ReportLanguage.BEIJING)
                            : board.publishedAt().atZoneSameInstant(ReportLanguage.BEIJING).toLocalDate();
                    NoticeView view = ReportTables.notice(board, language, from,
                            from.plusDays(config.reports().objectionDays() - 1L));
                    if ("csv".equals(format)) {
                        Table table = view.tables().stream().filter(t -> t.id().equals(tableId)).findFirst()
                                .orElse(view.tables().isEmpty() ? null : view.tables().get(0));
                        if (table != null) {
                            return csv(table, "notice-" + board.period().id() + "-" + table.id());
                        }
                    }
                    return html(Templates.notice(page.titled(m -> m.noticeTitle(), view.schemeName() + " · "
                            + view.periodLabel()), view), language);
                }));
    }

    @GET
    @Path("reports/bulletin")
    @Operation(summary = "The bulletin (通报) of a period: each group's shares against targets, best and weakest "
            + "units, changes since the previous period")
    public Uni<Response> bulletin(@QueryParam("scheme") String scheme, @QueryParam("period") String period,
            @QueryParam("level") String level, @QueryParam("format") String format,
            @QueryParam("table") String tableId, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(COOKIE) String key) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String groupLevel = blank(level) == null ? "branch" : level;
        return render(language, key, "/reports/bulletin", query("scheme", scheme, "period", period, "level",
                blank(level)), page -> standings.board(scheme, period, null, null, null, null)
                .flatMap(board -> standings.board(scheme, period, groupLevel, null, null, null)
                        .flatMap(groups -> previousGroups(scheme, board.period(), groupLevel)
                                .emitOn(RENDERING).map(previous -> ReportTables.bulletin(board, groups, previous,
                                        groupLevel, language))))
                .map(view -> {
                    if ("csv".equals(format)) {
                        Table table = "best".equals(tableId) ? view.best() : "worst".equals(tableId) ? view.worst()
                                : view.groups();
                        return csv(table, "bulletin-" + period + "-" + table.id());
                    }
                    return html(Templates.bulletin(page.titled(m -> m.bulletinTitle(), view.schemeName() + " · "
                            + view.periodLabel()), view), language);
                }));
    }

    /** The previous period's group board, or null when there is none to compare with. */
    private Uni<StandingService.Board> previousGroups(String scheme, Period period, String level) {
        return standings.board(scheme, period.previous().id(), level, null, null, null)
                .onFailure(ProblemException.class).recoverWithNull();
    }

    // Signing in

    @GET
    @Path("reports/sign-in")
    public Uni<Response> signInForm(@QueryParam("return") String returnTo, @QueryParam("failed") String failed,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(COOKIE) String key) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return render(language, key, "/reports/sign-in", query("return", returnTo), page -> Uni.createFrom()
                .item(html(Templates.signIn(page.titled(m -> m.signInTitle(), null), failed != null,
                        safeReturn(returnTo)), language)));
    }

    @POST
    @Path("reports/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    public Uni<Response> signIn(@FormParam("key") String secret, @FormParam("return") String returnTo,
            @FormParam("lang") String lang) {
        String target = safeReturn(returnTo);
        return callers.fromKey(secret).map(caller -> {
            if (caller == null) {
                return Response.seeOther(URI.create(link("/reports/sign-in", query("return", target, "failed", "1",
                        "lang", lang)))).build();
            }
            String separator = target.contains("?") ? "&" : "?";
            return Response.seeOther(URI.create(lang == null ? target : target + separator + "lang="
                    + Page.encode(lang))).cookie(cookie(secret.trim(), -1)).build();
        });
    }

    @POST
    @Path("reports/sign-out")
    @Access(Access.Level.OPEN)
    public Response signOut() {
        return Response.seeOther(URI.create("/")).cookie(cookie("", 0)).build();
    }

    private static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true).maxAge(maxAge)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Only a path of this server: never a redirect elsewhere. */
    static String safeReturn(String target) {
        return target != null && target.startsWith("/") && !target.startsWith("//") && !target.contains("\\")
                ? target : "/";
    }

    // Plumbing

    /** The caller the cookie's key identifies, or null. */
    private Uni<Caller> caller(String key) {
        return callers.fromKey(key);
    }

    /**
     * Renders a page: the frame first (language, print time, whether signed in), then the content; a problem
     * becomes a page in the same language, with the problem's status.
     */
    private Uni<Response> render(ReportLanguage language, String key, String path, Map<String, String> query,
            Function<PageFrame, Uni<Response>> content) {
        // An unreachable database fails the sign-in lookup too; the page then says so in the reader's language.
        return caller(key).onFailure().recoverWithNull().flatMap(caller -> {
            Map<String, String> withLang = new LinkedHashMap<>(query);
            withLang.put("lang", language.tag());
            PageFrame frame = new PageFrame(new Page(language, "", null, language.time(OffsetDateTime.now()),
                    path, withLang, caller != null));
            return content.apply(frame).onFailure().recoverWithItem(e -> {
                ProblemException problem = problems.of(e, "GET " + path);
                ProblemMessages messages = languages.problemMessages(language.tag());
                List<String> reasons = problem.violations().stream()
                        .map(v -> (v.field() != null ? v.field() : v.pointer()) + ": " + v.message().in(messages))
                        .toList();
                Page page = frame.page();
                return Response.status(problem.status()).entity(Templates.problem(new Page(language,
                                problem.title().in(messages), null, page.printedAt(), path, page.query(),
                                page.signedIn()), problem.detail().in(messages), reasons)
                        .setAttribute("locale", language.locale()).render())
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Retry-After", problem.retryAfterSeconds()).build();
            });
        });
    }

    /** The frame of a page being built: its title is set by the page. */
    record PageFrame(Page page) {

        Page titled(Function<ReportMessages, String> title, String subtitle) {
            return new Page(page.lang(), title.apply(ReportTables.messages(page.lang())), subtitle,
                    page.printedAt(), page.path(), page.query(), page.signedIn());
        }

        String with(String name, String value) {
            return page.with(name, value);
        }
    }

    private static Response html(TemplateInstance template, ReportLanguage language) {
        return Response.ok(template.setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static Response csv(Table table, String name) {
        return Response.ok(table.csv()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_")
                        + "-" + table.id() + ".csv\"").build();
    }

    static String link(String path, Map<String, String> query) {
        return new Page(ReportLanguage.ZH, "", null, "", path, query, false).with("lang", query.get("lang"));
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                query.put(pairs[i], pairs[i + 1]);
            }
        }
        return query;
    }

    private static String blank(String value) {
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
