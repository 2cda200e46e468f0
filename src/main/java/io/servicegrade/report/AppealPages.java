package io.servicegrade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.appeal.AppealRepository;
import io.servicegrade.appeal.AppealService;
import io.servicegrade.appeal.AppealView;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.report.SignedInPages.Reader;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.servicegrade.report.ReportResource.blank;
import static io.servicegrade.report.ReportResource.query;

/**
 * The appeals pages (issue 18): a manager's list of the appeals in scope and the form to file one; the analyst's
 * queue (the list, awaiting decision) and, per appeal, the decision form. In zh-CN and en; forms carry the
 * session's CSRF token. For a signed-in reader who may file or decide appeals; a reader not signed in is sent to
 * the sign-in page, anyone else gets 404. Everything goes through {@link AppealService}, so a refusal names the
 * same fields the API does.
 */
@Path("/reports/appeals")
@Tag(name = "Reports", description = "Printable HTML report pages (Chinese and English) and their CSV tables")
public class AppealPages {

    static final String PATH = "/reports/appeals";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    SignedInPages pages;

    @Inject
    AppealService appeals;

    @Inject
    UnitRepository unitRepository;

    @Inject
    UnitService unitService;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, FollowupList.Listing listing, List<String> notices,
                List<BoardFilters.Suggestion> units, List<ComplaintPages.Option> states, boolean mayFile,
                FilingForm form, String queue, String all, List<String> errors, String csrf);

        static native TemplateInstance detail(Page page, Row appeal, List<String> evidence, String items,
                boolean mayDecide, DecisionForm form, boolean filed, boolean decided, List<String> errors,
                String csrf);
    }

    /** An appeal as the pages show it, its texts in the page's language. */
    public record Row(long id, String link, String scheme, String period, String against, String agency,
            String state, String stateKey, String deadline, String filedAt, String decidedAt, String reasons,
            String decisionReason, String correction) {
    }

    /** What the filing form shows: empty, or what was typed when it was refused. */
    public record FilingForm(String scheme, String period, String evaluation, String unit, String items,
            String reasons, String evidence) {
    }

    /** What the decision form shows. */
    public record DecisionForm(String outcome, String reason, String correction, String answers) {
    }

    @GET
    @Operation(summary = "The appeals page: the appeals the reader may see with their counts per state, filtered "
            + "by unit (name or code) and state (key or words), a page of 50 at a time or the whole list as CSV or "
            + "XLSX (format=csv|xlsx), and a manager's form to file one")
    public Uni<Response> list(@QueryParam("scheme") String scheme, @QueryParam("state") String state,
            @QueryParam("unit") String unit, @QueryParam("overdue") String overdue,
            @QueryParam("page") String page, @QueryParam("format") String format,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Asked asked = new Asked(blank(scheme), blank(state), blank(unit), "true".equals(overdue), page, format);
        Map<String, String> query = new java.util.HashMap<>();
        query.put("scheme", asked.scheme());
        query.put("state", asked.state());
        query.put("unit", asked.unit());
        query.put("overdue", asked.late() ? "true" : null);
        query.put("page", blank(page));
        return pages.page(session, language, PATH, query, ReportTables.messages(language).appealsTitle(),
                c -> c.mayAppeal() || c.mayDecideAppeals(), reader -> listPage(reader, language, asked,
                        new FilingForm(asked.scheme() == null ? "" : asked.scheme(), "", "", "", "", "", ""),
                        List.of(), 200));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "File an appeal from the appeals page's form")
    public Uni<Response> file(@FormParam("scheme") String scheme, @FormParam("period") String period,
            @FormParam("evaluation") String evaluation, @FormParam("unit") String unit,
            @FormParam("items") String items, @FormParam("reasons") String reasons,
            @FormParam("evidence") String evidence, @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return reader(session, language, PATH, ReportMessages::appealsTitle, SignedInPages.formPost(language, PATH,
                request, csrf, ReportResource.fields("scheme", scheme, "period", period, "evaluation", evaluation,
                "unit", unit, "items", items, "lang", lang, "csrf", csrf), reader -> {
            ObjectNode body = JSON.objectNode();
            put(body, "scheme", scheme);
            put(body, "period", period);
            if (evaluation != null && !evaluation.isBlank()) {
                body.put("evaluation", evaluation.trim());
            }
            put(body, "unit", unit);
            list(body, "items", items, "\\s+");
            if (reasons != null) {
                body.put("reasons", reasons);
            }
            list(body, "evidence", evidence, "\\s*\\n\\s*");
            FilingForm typed = new FilingForm(orEmpty(scheme), orEmpty(period), orEmpty(evaluation), orEmpty(unit),
                    orEmpty(items), orEmpty(reasons), orEmpty(evidence));
            return Uni.createFrom().deferred(() -> appeals.file(reader.caller(), body))
                    .map(view -> Response.seeOther(URI.create(PATH + "/" + AppealView.of(view).id()
                            + "?filed=1&lang=" + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> listPage(reader, language, scheme, null,
                            typed, pages.reasons((ProblemException) e, language), ((ProblemException) e).status()));
        }));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One appeal: its state and deadline, and the analyst's decision form")
    public Uni<Response> detail(@PathParam("id") long id, @QueryParam("filed") String filed,
            @QueryParam("decided") String decided, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return reader(session, language, PATH + "/" + id, m -> m.appealTitle(id), reader -> detailPage(reader,
                language, id, new DecisionForm("", "", "", ""), filed != null, decided != null, List.of(), 200));
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Decide an appeal from its page's form (an analyst or the admin)")
    public Uni<Response> decide(@PathParam("id") long id, @FormParam("outcome") String outcome,
            @FormParam("reason") String reason, @FormParam("correction") String correction,
            @FormParam("answers") String answers, @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + id;
        return reader(session, language, path, m -> m.appealTitle(id), SignedInPages.formPost(language, path, request,
                csrf, ReportResource.fields("outcome", outcome, "correction", correction, "lang", lang, "csrf", csrf),
                reader -> {
            DecisionForm typed = new DecisionForm(orEmpty(outcome), orEmpty(reason), orEmpty(correction),
                    orEmpty(answers));
            ObjectNode body = JSON.objectNode();
            put(body, "outcome", outcome);
            if (reason != null) {
                body.put("reason", reason);
            }
            if ("void".equals(correction) || "revision".equals(correction)) {
                ObjectNode c = body.putObject("correction");
                c.put("kind", correction);
                if ("revision".equals(correction)) {
                    c.set("answers", answers(answers));
                }
            }
            return Uni.createFrom().deferred(() -> appeals.decide(reader.caller(), id, body))
                    .map(view -> Response.seeOther(URI.create(path + "?decided=1&lang=" + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> detailPage(reader, language, id, typed,
                            false, false, pages.reasons((ProblemException) e, language), ((ProblemException) e).status()));
        }));
    }

    /** The answers typed as JSON; text that is not JSON goes on as text, refused by the reader by its field. */
    private static JsonNode answers(String typed) {
        if (typed == null || typed.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return MAPPER.readTree(typed);
        } catch (java.io.IOException e) {
            return JSON.textNode(typed);
        }
    }

    /** What the list was asked for: its filters as typed (null: none), the page, and the download format. */
    private record Asked(String scheme, String state, String unit, boolean late, String page, String format) {
    }

    private Uni<Response> listPage(Reader reader, ReportLanguage language, String scheme, String state,
            FilingForm form, List<String> errors, int status) {
        return listPage(reader, language, new Asked(blank(scheme), blank(state), null, false, null, null), form,
                errors, status);
    }

    /**
     * Issue 20: the list with the counts per state above it, units by path, deadlines in days; a unit or state that
     * names nothing is not applied, and the page says so.
     */
    private Uni<Response> listPage(Reader reader, ReportLanguage language, Asked asked, FilingForm form,
            List<String> errors, int status) {
        AppealPageMessages apm = FollowupList.messages(language);
        AppealList list = new AppealList(language, OffsetDateTime.now());
        Page page = reader.page();
        String queue = ReportResource.link(PATH, query("scheme", asked.scheme(), "state", "filed", "lang",
                language.tag()));
        String all = ReportResource.link(PATH, query("scheme", asked.scheme(), "lang", language.tag()));
        List<String> notices = new ArrayList<>();
        String state = asked.state() == null ? null : FollowupList.state(asked.state(), list.states.words());
        if (asked.state() != null && state == null) {
            notices.add(apm.apmUnknownState(asked.state(), list.states.known(language)));
        }
        List<ComplaintPages.Option> states = new ArrayList<>();
        states.add(new ComplaintPages.Option("", apm.apmAny(), state == null));
        list.states.keys().forEach(s -> states.add(new ComplaintPages.Option(s,
                AppealList.state(ReportTables.messages(language), s), s.equals(state))));
        return BoardFilters.resolve(unitRepository, asked.unit(), null, reader.caller().unitScope(), language)
                .flatMap(resolved -> {
                    notices.addAll(resolved.notices());
                    // issue 21: the counts by one statement, then only the page's rows (a download: the newest
                    // MAX_EXPORT the filters show)
                    AppealService.ListAsked filter = new AppealService.ListAsked(asked.scheme(), resolved.under(),
                            state, asked.late(), list.now());
                    boolean downloading = ReportResource.downloading(asked.format());
                    Uni<AppealRepository.Counts> counted = downloading ? Uni.createFrom().nullItem()
                            : appeals.counts(reader.caller(), filter);
                    return counted.flatMap(counts -> {
                        int current = counts == null ? 1 : FollowupList.page(asked.page(), counts.shown());
                        return appeals.page(reader.caller(), filter, downloading ? AppealService.MAX_EXPORT
                                        : FollowupList.PAGE_SIZE, FollowupList.offset(current))
                                .flatMap(found -> {
                                    List<AppealView> views = found.stream().map(AppealView::of).toList();
                                    return UnitPaths.of(unitRepository, unitService,
                                            views.stream().map(AppealView::unit).toList()).map(paths -> {
                                        Table table = list.table(views, paths);
                                        if (downloading) {
                                            return ReportResource.download(table, "appeals", asked.format());
                                        }
                                        FollowupList.Listing listing = FollowupList.listing(page, table,
                                                counts.total(), counts.shown(), current, list.states.counts(page,
                                                        List.of(counts.filed(), counts.upheld(), counts.rejected()),
                                                        counts.late(), state, asked.late()),
                                                state != null || asked.late(), language);
                                        return SignedInPages.html(Templates.list(page, listing, notices,
                                                resolved.units(), states, reader.caller().mayAppeal(), form, queue,
                                                all, errors, page.csrf()), language, status);
                                    });
                                });
                    }).onFailure(ProblemException.class).recoverWithItem(e -> SignedInPages.html(
                            Templates.list(page, FollowupList.listing(page, list.table(List.of(), Map.of()), 0, 0, 1,
                                            list.states.none(page, state, asked.late()), false, language), notices,
                                    resolved.units(), states, reader.caller().mayAppeal(), form, queue, all,
                                    pages.reasons((ProblemException) e, language), page.csrf()),
                            language, ((ProblemException) e).status()));
                });
    }

    private Uni<Response> detailPage(Reader reader, ReportLanguage language, long id, DecisionForm form,
            boolean filed, boolean decided, List<String> errors, int status) {
        ReportMessages messages = ReportTables.messages(language);
        return appeals.read(reader.caller(), id).flatMap(found -> {
            AppealView view = AppealView.of(found);
            // issue 20: the unit by its full path
            return UnitPaths.of(unitRepository, unitService, List.of(view.unit())).map(paths -> SignedInPages.html(
                    Templates.detail(reader.page(), row(view, messages, language, paths.getOrDefault(view.unit(),
                            view.unitName())), view.evidence(), String.join(" ", view.items()),
                            reader.caller().mayDecideAppeals() && view.state().equals("filed"), form, filed, decided,
                            errors, reader.page().csrf()), language, status));
        });
    }

    private static Row row(AppealView v, ReportMessages m, ReportLanguage language, String unitName) {
        String against = v.evaluation() == null ? m.appealStandingOf(v.unit() + " " + unitName)
                : m.appealEvaluationOf(v.evaluation(), v.unit() + " " + unitName);
        String state = AppealList.state(m, v.state());
        String correction = v.correction() == null ? null : v.correction().equals("void")
                ? m.appealVoided(v.correctionRevision()) : m.appealRevision(v.correctionRevision());
        return new Row(v.id(), PATH + "/" + v.id() + "?lang=" + language.tag(), v.scheme(), v.period(), against,
                v.agency(), state, v.state(), v.deadline() == null ? "—" : language.time(v.deadline()),
                language.time(v.filedAt()), v.decidedAt() == null ? null : language.time(v.decidedAt()), v.reasons(),
                v.decisionReason(), correction);
    }
    /** A page of {@link SignedInPages} for a reader this page is for. */
    private Uni<Response> reader(String session, ReportLanguage language, String path,
            Function<ReportMessages, String> title, Function<Reader, Uni<Response>> work) {
        return pages.page(session, language, path, Map.of(), title.apply(ReportTables.messages(language)),
                c -> c.mayAppeal() || c.mayDecideAppeals(), work);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void put(ObjectNode body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value.trim());
        }
    }

    private static void list(ObjectNode body, String field, String typed, String separator) {
        if (typed == null || typed.isBlank()) {
            return;
        }
        ArrayNode array = body.putArray(field);
        for (String part : typed.trim().split(separator)) {
            if (!part.isBlank()) {
                array.add(part.trim());
            }
        }
    }
}
