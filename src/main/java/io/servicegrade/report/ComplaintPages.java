package io.servicegrade.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.complaint.ComplaintCategories;
import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.complaint.ComplaintRepository;
import io.servicegrade.complaint.ComplaintService;
import io.servicegrade.complaint.ComplaintView;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
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

/**
 * The complaints pages (issue 19): the list of the complaints in the reader's scope with filters, those past their
 * deadline highlighted (a text mark as well as the colour), and per complaint its facts and, for a manager in scope
 * or the admin, the reply form. In zh-CN and en; forms carry the session's CSRF token. Everything goes through
 * {@link ComplaintService}, so a refusal names the same fields the API does.
 */
@Path("/reports/complaints")
@Tag(name = "Reports")
public class ComplaintPages {

    static final String PATH = "/reports/complaints";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    SignedInPages pages;

    @Inject
    ComplaintService complaints;

    @Inject
    ComplaintCategories categories;

    @Inject
    ServiceGradeConfig config;

    @Inject
    UnitRepository unitRepository;

    @Inject
    UnitService unitService;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, FollowupList.Listing listing, List<String> notices,
                List<BoardFilters.Suggestion> units, List<Option> channels,
                List<Option> categories, List<Option> states, String unit, boolean overdueOnly, List<String> errors,
                boolean mayRegister, Registration form, List<Option> formChannels, List<Option> formCategories,
                List<String> formErrors, String csrf);

        static native TemplateInstance detail(Page page, Row complaint, boolean mayReply, String resolution,
                String repliedAt, boolean replied, boolean mayRate, List<Option> satisfactions, boolean rated,
                boolean registered, List<String> errors, String csrf);
    }

    /** A complaint as the pages show it, its texts in the page's language. */
    public record Row(long id, String link, String receivedAt, String unit, String channel, String category,
            String subject, String firstResponder, String due, String state, boolean overdue, boolean late,
            String flags, String repliedAt, String resolution, String satisfaction) {
    }

    /** A choice of a filter: its value, label, and whether it is chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    @GET
    @Operation(summary = "The complaints page: the complaints the reader may see with their counts per state, "
            + "filtered (a unit by name or code, a state by key or words), overdue ones marked, a page of 50 at a "
            + "time or the whole list as CSV or XLSX (format=csv|xlsx), and the registration form for who may register")
    public Uni<Response> list(@QueryParam("state") String state, @QueryParam("channel") String channel,
            @QueryParam("category") String category, @QueryParam("unit") String unit,
            @QueryParam("overdue") String overdue, @QueryParam("page") String page,
            @QueryParam("format") String format, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Filters filters = new Filters(blank(state), blank(channel), blank(category), blank(unit),
                "true".equals(overdue), blank(page), format);
        Map<String, String> query = new java.util.HashMap<>();
        query.put("state", filters.state());
        query.put("channel", filters.channel());
        query.put("category", filters.category());
        query.put("unit", filters.unit());
        query.put("overdue", filters.overdueOnly() ? "true" : null);
        query.put("page", filters.page());
        return pages.page(session, language, PATH, query, ReportTables.followup(language).complaintsTitle(),
                Caller::mayReadComplaints, reader -> listPage(reader, language, filters, Registration.EMPTY,
                        List.of(), 200));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Register a complaint from the complaints page (an analyst, an inspector, the admin, or a "
            + "manager for units in scope)")
    public Uni<Response> register(@FormParam("channel") String channel, @FormParam("receivedAt") String receivedAt,
            @FormParam("unit") String unit, @FormParam("category") String category,
            @FormParam("subject") String subject, @FormParam("customerRef") String customerRef,
            @FormParam("firstResponder") String firstResponder, @FormParam("csrf") String csrf,
            @FormParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session, @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Registration form = new Registration(orEmpty(channel), orEmpty(receivedAt), orEmpty(unit), orEmpty(category),
                orEmpty(subject), orEmpty(firstResponder));
        // the customer's reference is checked like the other fields but never shown again, not even on a refusal
        return reader(session, language, PATH, FollowupMessages::complaintsTitle, SignedInPages.formPost(language, PATH,
                request, csrf, ReportResource.fields("channel", channel, "receivedAt", receivedAt, "unit", unit,
                "category", category, "customerRef", customerRef, "firstResponder", firstResponder, "lang", lang,
                "csrf", csrf), reader -> {
            // the API's body, so the page refuses what the API refuses, by the same fields (issue 19b)
            ObjectNode body = JSON.objectNode();
            put(body, "channel", channel);
            put(body, "receivedAt", receivedAt == null ? null
                    : SheetFile.withOffset(receivedAt.trim(), config.timeZone()));
            put(body, "unit", unit);
            put(body, "category", category);
            put(body, "subject", subject);
            put(body, "customerRef", customerRef);
            put(body, "firstResponder", firstResponder);
            return Uni.createFrom().deferred(() -> complaints.register(reader.caller(), body))
                    .map(stored -> Response.seeOther(URI.create(PATH + "/" + stored.id() + "?registered=1&lang="
                            + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> listPage(reader, language,
                            Filters.NONE, form, pages.reasons((ProblemException) e, language),
                            ((ProblemException) e).status()));
        }));
    }

    /** The list's filters as given (null: not filtered), the page asked and the download format. */
    private record Filters(String state, String channel, String category, String unit, boolean overdueOnly,
            String page, String format) {
        static final Filters NONE = new Filters(null, null, null, null, false, null, null);
    }

    /** The registration form's fields as sent, shown again when refused (never the customer's reference). */
    public record Registration(String channel, String receivedAt, String unit, String category, String subject,
            String firstResponder) {
        static final Registration EMPTY = new Registration("", "", "", "", "", "");
    }

    /**
     * Issue 20: the list with the counts per state above it, units by path, deadlines in days; a unit or state that
     * names nothing is not applied, and the page says so.
     */
    private Uni<Response> listPage(Reader reader, ReportLanguage language, Filters f, Registration form,
            List<String> formErrors, int status) {
        FollowupMessages m = ReportTables.followup(language);
        AppealPageMessages apm = FollowupList.messages(language);
        ComplaintList list = new ComplaintList(language, OffsetDateTime.now());
        Page page = reader.page();
        boolean mayRegister = reader.caller().mayRegisterComplaints();
        String unit = f.unit() == null ? "" : f.unit();
        List<Option> formChannels = mayRegister ? choose(m, channels(m, blank(form.channel()))) : List.of();
        List<Option> formCategories = mayRegister ? choose(m, categories(m, language, blank(form.category())))
                : List.of();
        List<String> notices = new ArrayList<>();
        String state = f.state() == null ? null : FollowupList.state(f.state(), ComplaintList.COUNTED.words());
        if (f.state() != null && state == null) {
            notices.add(apm.apmUnknownState(f.state(), ComplaintList.COUNTED.known(language)));
        }
        return BoardFilters.resolve(unitRepository, f.unit(), null, reader.caller().complaintScope(), language)
                .flatMap(resolved -> {
                    notices.addAll(resolved.notices());
                    // issue 21: the counts by one statement, then only the page's rows; a download holds the newest
                    // MAX_EXPORT the filters show, as the API's export does
                    boolean downloading = ReportResource.downloading(f.format());
                    Boolean late = f.overdueOnly() ? Boolean.TRUE : null;
                    Uni<ComplaintRepository.Counts> counted = downloading ? Uni.createFrom().nullItem()
                            : complaints.counts(reader.caller(), f.channel(), f.category(), resolved.under(), state,
                                    late);
                    return counted.flatMap(counts -> {
                        int current = counts == null ? 1 : FollowupList.page(f.page(), counts.shown());
                        return (downloading
                                ? complaints.export(reader.caller(), f.channel(), f.category(), resolved.under(),
                                        state, late, null, null)
                                : complaints.list(reader.caller(), f.channel(), f.category(), resolved.under(), state,
                                        late, null, null, FollowupList.PAGE_SIZE, FollowupList.offset(current)))
                                .flatMap(found -> {
                                    List<ComplaintView> views = found.stream().map(this::view).toList();
                                    return UnitPaths.of(unitRepository, unitService,
                                            views.stream().map(ComplaintView::unit).toList()).map(paths -> {
                                        Table table = list.table(views, paths);
                                        if (downloading) {
                                            return ReportResource.download(table, "complaints", f.format());
                                        }
                                        FollowupList.Listing listing = FollowupList.listing(page, table,
                                                counts.total(), counts.shown(), current, ComplaintList.COUNTED.counts(
                                                        page, List.of(counts.open(), counts.overdue(),
                                                                counts.replied()), counts.late(), state,
                                                        f.overdueOnly()),
                                                state != null || f.overdueOnly(), language);
                                        return SignedInPages.html(Templates.list(page, listing, notices,
                                                resolved.units(), channels(m, f.channel()),
                                                categories(m, language, f.category()), states(m, state), unit,
                                                f.overdueOnly(), List.of(), mayRegister, form, formChannels,
                                                formCategories, formErrors, page.csrf()), language, status);
                                    });
                                });
                    }).onFailure(ProblemException.class).recoverWithItem(e -> SignedInPages.html(
                            Templates.list(page, FollowupList.listing(page, list.table(List.of(), Map.of()), 0, 0, 1,
                                            ComplaintList.COUNTED.none(page, state, f.overdueOnly()), false,
                                            language), notices, resolved.units(), channels(m, f.channel()),
                                    categories(m, language, f.category()), states(m, state), unit,
                                    f.overdueOnly(), pages.reasons((ProblemException) e, language),
                                    mayRegister, form, formChannels, formCategories, formErrors,
                                    page.csrf()), language, ((ProblemException) e).status()));
                });
    }

    /** A filter's options as a form's: the first ("any") becomes "choose". */
    private static List<Option> choose(FollowupMessages m, List<Option> filter) {
        List<Option> options = new ArrayList<>(filter);
        options.set(0, new Option("", m.complaintChoose(), filter.get(0).selected()));
        return options;
    }

    private static void put(ObjectNode body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One complaint: its deadline, state and reply, and the reply form")
    public Uni<Response> detail(@PathParam("id") long id, @QueryParam("replied") String replied,
            @QueryParam("rated") String rated, @QueryParam("registered") String registered,
            @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return reader(session, language, PATH + "/" + id, m -> m.complaintTitle(id), reader -> detailPage(reader,
                language, id, new Form("", "", null), replied != null ? "replied" : rated != null ? "rated"
                : registered != null ? "registered" : null, List.of(), 200));
    }

    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Reply to a complaint from its page's form (a manager in scope, or the admin)")
    public Uni<Response> reply(@PathParam("id") long id, @FormParam("resolution") String resolution,
            @FormParam("repliedAt") String repliedAt, @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + id;
        return reader(session, language, path, m -> m.complaintTitle(id), SignedInPages.formPost(language, path,
                request, csrf, ReportResource.fields("repliedAt", repliedAt, "lang", lang, "csrf", csrf), reader -> {
            ObjectNode body = JSON.objectNode();
            if (resolution != null) {
                body.put("resolution", resolution);
            }
            if (repliedAt != null && !repliedAt.isBlank()) {
                body.put("repliedAt", repliedAt.trim());
            }
            return Uni.createFrom().deferred(() -> complaints.reply(reader.caller(), id, body))
                    .map(done -> Response.seeOther(URI.create(path + "?replied=1&lang=" + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> detailPage(reader, language, id,
                            new Form(resolution == null ? "" : resolution, repliedAt == null ? "" : repliedAt, null),
                            null, pages.reasons((ProblemException) e, language), ((ProblemException) e).status()));
        }));
    }

    @POST
    @Path("/{id}/satisfaction")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Record the customer's satisfaction from the complaint's page (who registered it, an "
            + "analyst or the admin), once, after the reply")
    public Uni<Response> satisfaction(@PathParam("id") long id, @FormParam("satisfaction") String satisfaction,
            @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + id;
        return reader(session, language, path, m -> m.complaintTitle(id), SignedInPages.formPost(language, path,
                request, csrf, ReportResource.fields("satisfaction", satisfaction, "lang", lang, "csrf", csrf),
                reader -> {
            // the API's body, so the page refuses what the API refuses, by the same field (issue 19b)
            ObjectNode body = JSON.objectNode();
            if (satisfaction != null && !satisfaction.isBlank()) {
                body.put("satisfaction", satisfaction.trim());
            }
            return Uni.createFrom().deferred(() -> complaints.satisfaction(reader.caller(), id, body))
                    .map(done -> Response.seeOther(URI.create(path + "?rated=1&lang=" + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> detailPage(reader, language, id,
                            new Form("", "", satisfaction), null, pages.reasons((ProblemException) e, language),
                            ((ProblemException) e).status()));
        }));
    }

    /** What a form on the detail page was sent with, shown again when it is refused. */
    private record Form(String resolution, String repliedAt, String satisfaction) {
    }

    /** {@code done}: "registered", "replied" or "rated" after a form succeeded, else null. */
    private Uni<Response> detailPage(Reader reader, ReportLanguage language, long id, Form form, String done,
            List<String> errors, int status) {
        FollowupMessages m = ReportTables.followup(language);
        Caller caller = reader.caller();
        return complaints.read(caller, id).flatMap(found -> {
            ComplaintView view = view(found);
            // the same roles the service checks: who registered it, an analyst or the admin; once, after the reply
            boolean mayRate = view.repliedAt() != null && view.satisfaction() == null
                    && (caller.mayRecordAnySatisfaction() || caller.actor().equals(found.registeredBy()));
            // issue 20: the unit by its full path
            return UnitPaths.of(unitRepository, unitService, List.of(view.unit())).map(paths -> SignedInPages.html(
                    Templates.detail(reader.page(), row(view, m, language, paths.getOrDefault(view.unit(),
                            view.unitName())), caller.mayReplyComplaints() && view.repliedAt() == null,
                            form.resolution(), form.repliedAt(), "replied".equals(done), mayRate,
                            satisfactions(m, form.satisfaction()), "rated".equals(done), "registered".equals(done),
                            errors, reader.page().csrf()), language, status));
        });
    }

    private ComplaintView view(ComplaintRepository.Stored stored) {
        return ComplaintView.of(stored, categories.of(stored.category()));
    }

    /** The category filter: each configured category by its name in the page's language. */
    private List<Option> categories(FollowupMessages m, ReportLanguage language, String chosen) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", m.complaintAny(), chosen == null));
        for (ComplaintCategories.Category c : categories.all()) {
            options.add(new Option(c.key(), c.name(language.chinese()), c.key().equals(chosen)));
        }
        return options;
    }

    private static List<Option> satisfactions(FollowupMessages m, String chosen) {
        return List.of(new Option("", m.complaintChoose(), chosen == null || chosen.isBlank()),
                new Option("satisfied", m.complaintSatisfied(), "satisfied".equals(chosen)),
                new Option("unsatisfied", m.complaintUnsatisfied(), "unsatisfied".equals(chosen)));
    }

    private static List<Option> channels(FollowupMessages m, String chosen) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", m.complaintAny(), chosen == null));
        for (String c : List.of("hotline", "letter", "online", "walk-in", "regulator")) {
            options.add(new Option(c, channel(m, c), c.equals(chosen)));
        }
        return options;
    }

    private static List<Option> states(FollowupMessages m, String chosen) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", m.complaintAny(), chosen == null));
        for (String s : ComplaintList.STATES) {
            options.add(new Option(s, ComplaintList.state(m, s), s.equals(chosen)));
        }
        return options;
    }

    private static String channel(FollowupMessages m, String channel) {
        return switch (channel) {
            case "hotline" -> m.complaintChannelHotline();
            case "letter" -> m.complaintChannelLetter();
            case "online" -> m.complaintChannelOnline();
            case "walk-in" -> m.complaintChannelWalkIn();
            default -> m.complaintChannelRegulator();
        };
    }

    static Row row(ComplaintView v, FollowupMessages m, ReportLanguage language) {
        return row(v, m, language, v.unitName());
    }

    /** The complaint's texts in the page's language, its unit named {@code unitName} (its path, or its name). */
    static Row row(ComplaintView v, FollowupMessages m, ReportLanguage language, String unitName) {
        List<String> flags = new ArrayList<>();
        if (v.repeat()) {
            flags.add(m.complaintRepeat());
        }
        if (v.escalated()) {
            flags.add(m.complaintEscalated());
        }
        String satisfaction = v.satisfaction() == null ? m.complaintNotAsked()
                : v.satisfaction().equals("satisfied") ? m.complaintSatisfied() : m.complaintUnsatisfied();
        return new Row(v.id(), PATH + "/" + v.id() + "?lang=" + language.tag(), language.time(v.receivedAt()),
                v.unit() + " " + unitName, channel(m, v.channel()),
                language.chinese() ? v.categoryNameZh() : v.categoryNameEn(), v.subject(), v.firstResponder(),
                language.time(v.dueAt()), ComplaintList.state(m, v.state()), v.state().equals("overdue"),
                v.late() && v.repliedAt() != null, String.join(", ", flags),
                v.repliedAt() == null ? null : language.time(v.repliedAt()), v.resolution(), satisfaction);
    }

    /** A page of {@link SignedInPages} for a reader this page is for. */
    private Uni<Response> reader(String session, ReportLanguage language, String path,
            Function<FollowupMessages, String> title, Function<Reader, Uni<Response>> work) {
        return pages.page(session, language, path, Map.of(), title.apply(ReportTables.followup(language)),
                Caller::mayReadComplaints, work);
    }
}
