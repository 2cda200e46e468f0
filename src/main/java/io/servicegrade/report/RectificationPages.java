package io.servicegrade.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.evaluation.SheetFile;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.rectification.RectificationFile;
import io.servicegrade.rectification.RectificationRepository;
import io.servicegrade.rectification.RectificationService;
import io.servicegrade.rectification.RectificationView;
import io.servicegrade.report.SignedInPages.Reader;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.Function;

import static io.servicegrade.report.ReportResource.blank;

/**
 * The rectification pages (issue 19): the list of the orders the reader may see, filtered, overdue rows marked in
 * text as well as colour; and per order its items, history, the owner's reply form and the verification form. In
 * zh-CN and en; forms carry the session's CSRF token. Everything goes through {@link RectificationService}, so a
 * refusal names the same fields the API does; a reader not signed in is sent to the sign-in page, one who may not
 * read orders gets 404.
 */
@Path("/reports/rectifications")
@Tag(name = "Reports", description = "Printable HTML report pages (Chinese and English) and their CSV tables")
public class RectificationPages {

    static final String PATH = "/reports/rectifications";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    SignedInPages pages;

    @Inject
    RectificationService rectifications;

    @Inject
    RectificationFile files;

    @Inject
    Languages languages;

    @Inject
    UnitRepository unitRepository;

    @Inject
    UnitService unitService;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, List<Row> orders, Filter filter, List<String> errors,
                Upload upload, RectificationList.Summary summary, RectificationList.Paging paging,
                List<String> notices, List<BoardFilters.Suggestion> units);

        static native TemplateInstance detail(Page page, Row order, List<Item> items, List<Step> history,
                boolean mayReply, boolean mayVerify, Form form, boolean replied, boolean verified,
                List<String> errors, String csrf);
    }

    /** An order as the pages show it, its texts in the page's language. */
    public record Row(long id, String link, String unit, String title, String severity, String state,
            boolean overdue, String raisedAt, String dueAt, Long evaluation) {

        /** The row with its unit named by {@code path} and code (issue 20). */
        Row at(String path, String code) {
            return new Row(id, link, path + " (" + code + ")", title, severity, state, overdue, raisedAt, dueAt,
                    evaluation);
        }
    }

    /** An item of an order, its name in the page's language. */
    public record Item(String key, String name, String deduction, boolean vetoed) {
    }

    /** A reply or verification as the page shows it. */
    public record Step(String kind, String text, List<String> evidence, boolean late, String at) {
    }

    /** The list's filters, as typed. */
    public record Filter(String unit, String state, String severity, boolean overdue) {
    }

    /** The list's upload form (issue 19): shown to those who raise orders; how many the last file raised. */
    public record Upload(boolean allowed, String csrf, boolean done, int imported) {
    }

    /** What the forms show: empty, or what was typed when refused. */
    public record Form(String text, String evidence, String outcome, String reason) {
    }

    @GET
    @Operation(summary = "The rectification orders page: the orders the reader may see, filtered, overdue marked")
    public Uni<Response> list(@QueryParam("unit") String unit, @QueryParam("state") String state,
            @QueryParam("severity") String severity, @QueryParam("overdue") String overdue,
            @QueryParam("imported") String imported, @QueryParam("page") String number,
            @QueryParam("format") String format, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Filter filter = new Filter(orEmpty(unit), orEmpty(state), orEmpty(severity), "true".equals(overdue));
        Integer count = imported != null && imported.matches("[0-9]{1,6}") ? Integer.valueOf(imported) : null;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("unit", unit);
        query.put("state", state);
        query.put("severity", severity);
        query.put("overdue", filter.overdue() ? "true" : null);
        query.put("page", number);
        return pages.page(session, language, PATH, query,
                ReportTables.followup(language).rectificationsTitle(), Caller::mayReadRectifications,
                reader -> listPage(reader, language, filter, count, List.of(), 200,
                        RectificationList.pageNumber(number), ReportResource.downloading(format) ? format : null));
    }

    /**
     * The list page (issue 20: with its summary, unit paths and paging; the unit named by code or name, a name that
     * names no unit or several not applied and said so), or, for {@code format} csv or xlsx, the list's download.
     */
    private Uni<Response> listPage(Reader reader, ReportLanguage language, Filter filter, Integer imported,
            List<String> errors, int status, int number, String format) {
        FollowupMessages messages = ReportTables.followup(language);
        Upload upload = new Upload(reader.caller().mayRaiseRectifications(), reader.page().csrf(), imported != null,
                imported == null ? 0 : imported);
        Caller caller = reader.caller();
        String state = blank(filter.state());
        String overdue = filter.overdue() ? "true" : null;
        String severity = blank(filter.severity());
        int size = format != null ? RectificationService.MAX_LIST : RectificationList.PAGE_SIZE;
        int offset = format != null ? 0 : (number - 1) * RectificationList.PAGE_SIZE;
        return BoardFilters.resolve(unitRepository, blank(filter.unit()), null, caller.rectificationScope(), language)
                .flatMap(resolved -> Uni.createFrom().deferred(() -> rectifications.counts(caller, resolved.under(),
                                null, null, severity))
                        .flatMap(all -> rectifications.counts(caller, resolved.under(), state, overdue, severity)
                        .flatMap(shown -> rectifications.list(caller, resolved.under(), state, overdue, severity,
                                null, null, size, offset)
                        .flatMap(found -> paths(found).map(paths -> {
                            List<RectificationView> views = found.stream()
                                    .map(r -> RectificationView.of(r, List.of())).toList();
                            if (format != null) {
                                return ReportResource.download(RectificationList.table(views, paths, language),
                                        "rectifications", format);
                            }
                            List<Row> rows = views.stream().map(v -> row(v, messages, language)
                                    .at(paths.getOrDefault(v.unit(), v.unitName()), v.unit())).toList();
                            return SignedInPages.html(Templates.list(reader.page(), rows, filter, errors, upload,
                                    RectificationList.summary(all, reader.page(), filter, language),
                                    RectificationList.paging(shown.total(), number, reader.page(), language),
                                    resolved.notices(), resolved.units()), language, status);
                        }))))
                        .onFailure(ProblemException.class).recoverWithItem(e -> SignedInPages.html(Templates.list(
                                reader.page(), List.of(), filter, pages.reasons((ProblemException) e, language),
                                upload, null, null, resolved.notices(), resolved.units()), language,
                                ((ProblemException) e).status())));
    }

    /** The paths of the orders' units by code, the root left out (as the board names its units). */
    private Uni<Map<String, String>> paths(List<RectificationRepository.Stored> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return unitRepository.findByIds(orders.stream().map(RectificationRepository.Stored::unitId)
                .collect(Collectors.toSet())).flatMap(units -> BoardFacts.paths(unitService, units));
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Raise rectification orders from a CSV or XLSX file uploaded with the orders page's form "
            + "(an analyst, inspector or the admin), all or nothing")
    public Uni<Response> importOrders(@RestForm("file") FileUpload file, @RestForm("csrf") String csrf,
            @RestForm("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session, @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Filter all = new Filter("", "", "", false);
        return reader(session, language, PATH, FollowupMessages::rectificationsTitle, SignedInPages.formPost(language,
                PATH, request, csrf, ReportResource.fields("lang", lang, "csrf", csrf), reader -> {
            if (file == null || file.size() == 0) {
                return listPage(reader, language, all, null,
                        List.of(ReportTables.followup(language).rectImportNoFile()), 400, 1, null);
            }
            String format = file.fileName() != null && file.fileName().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".xlsx") ? "xlsx" : SheetFile.format(file.contentType(), Xlsx.MEDIA_TYPE);
            return Uni.createFrom().item(() -> uploaded(file)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .flatMap(content -> files.importOrders(reader.caller(), format, content))
                    .map(done -> Response.seeOther(URI.create(PATH + "?imported=" + done.count() + "&lang="
                            + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> listPage(reader, language, all, null,
                            cells((ProblemException) e, language), ((ProblemException) e).status(), 1, null));
        }));
    }

    private static byte[] uploaded(FileUpload file) {
        try {
            return java.nio.file.Files.readAllBytes(file.uploadedFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A refused file's problems as a person reads them: each bad cell by its row and column, in the page's language. */
    private List<String> cells(ProblemException problem, ReportLanguage language) {
        FollowupMessages messages = ReportTables.followup(language);
        ProblemMessages texts = languages.problemMessages(language.tag());
        if (problem.violations().isEmpty()) {
            return List.of(problem.detail().in(texts));
        }
        return problem.violations().stream().map(v -> {
            String[] at = v.pointer().replaceFirst("^/", "").split("/", 2);
            String text = v.message().in(texts);
            return at.length < 1 || !at[0].matches("[0-9]+") ? text
                    : at.length < 2 || at[1].isEmpty() ? messages.rectImportRow(at[0], text)
                    : messages.rectImportCell(at[0], at[1].replace("~1", "/").replace("~0", "~"), text);
        }).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rectification order: its items, history, the owner's reply form and the verification "
            + "form")
    public Uni<Response> detail(@PathParam("id") long id, @QueryParam("replied") String replied,
            @QueryParam("verified") String verified, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return reader(session, language, PATH + "/" + id, m -> m.rectificationTitle(id), reader -> detailPage(reader,
                language, id, new Form("", "", "", ""), replied != null, verified != null, List.of(), 200));
    }

    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Reply to an order from its page's form (a manager of the owner unit, or the admin)")
    public Uni<Response> reply(@PathParam("id") long id, @FormParam("text") String text,
            @FormParam("evidence") String evidence, @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + id;
        return reader(session, language, path, m -> m.rectificationTitle(id), SignedInPages.formPost(language, path,
                request, csrf, ReportResource.fields("lang", lang, "csrf", csrf), reader -> {
            ObjectNode body = JSON.objectNode();
            if (text != null) {
                body.put("text", text);
            }
            if (evidence != null && !evidence.isBlank()) {
                ArrayNode links = body.putArray("evidence");
                for (String line : evidence.trim().split("\\s*\\n\\s*")) {
                    if (!line.isBlank()) {
                        links.add(line.trim());
                    }
                }
            }
            Form typed = new Form(orEmpty(text), orEmpty(evidence), "", "");
            return Uni.createFrom().deferred(() -> rectifications.reply(reader.caller(), id, body))
                    .map(view -> Response.seeOther(URI.create(path + "?replied=1&lang=" + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> detailPage(reader, language, id, typed,
                            false, false, pages.reasons((ProblemException) e, language), ((ProblemException) e).status()));
        }));
    }

    @POST
    @Path("/{id}/verification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Accept or return an order's reply from its page's form (an inspector, analyst or admin)")
    public Uni<Response> verify(@PathParam("id") long id, @FormParam("outcome") String outcome,
            @FormParam("reason") String reason, @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + id;
        return reader(session, language, path, m -> m.rectificationTitle(id), SignedInPages.formPost(language, path,
                request, csrf, ReportResource.fields("outcome", outcome, "lang", lang, "csrf", csrf), reader -> {
            ObjectNode body = JSON.objectNode();
            if (outcome != null && !outcome.isBlank()) {
                body.put("outcome", outcome.trim());
            }
            if (reason != null && !reason.isBlank()) {
                body.put("reason", reason);
            }
            Form typed = new Form("", "", orEmpty(outcome), orEmpty(reason));
            return Uni.createFrom().deferred(() -> rectifications.verify(reader.caller(), id, body))
                    .map(view -> Response.seeOther(URI.create(path + "?verified=1&lang=" + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithUni(e -> detailPage(reader, language, id, typed,
                            false, false, pages.reasons((ProblemException) e, language), ((ProblemException) e).status()));
        }));
    }

    private Uni<Response> detailPage(Reader reader, ReportLanguage language, long id, Form form, boolean replied,
            boolean verified, List<String> errors, int status) {
        FollowupMessages messages = ReportTables.followup(language);
        boolean zh = language.tag().startsWith("zh");
        return rectifications.read(reader.caller(), id).map(found -> {
            RectificationView v = RectificationView.of(found);
            List<Item> items = v.items().stream().map(i -> new Item(i.key(),
                    zh ? orEmpty(i.nameZh()) : orEmpty(i.nameEn()), i.deduction(), i.vetoed())).toList();
            List<Step> history = v.history().stream().map(s -> new Step(switch (s.kind()) {
                case "accept" -> messages.rectStepAccept();
                case "return" -> messages.rectStepReturn();
                default -> messages.rectStepReply();
            }, s.text(), s.evidence(), s.late(), language.time(s.at()))).toList();
            Caller caller = reader.caller();
            boolean mayReply = caller.mayReplyRectifications()
                    && (v.state().equals("open") || v.state().equals("returned"));
            boolean mayVerify = caller.mayVerifyRectifications() && v.state().equals("replied");
            return SignedInPages.html(Templates.detail(reader.page(), row(v, messages, language), items, history, mayReply,
                    mayVerify, form, replied, verified, errors, reader.page().csrf()), language, status);
        });
    }

    static Row row(RectificationView v, FollowupMessages m, ReportLanguage language) {
        String state = RectificationList.stateName(v.state(), m);
        String severity = switch (v.severity()) {
            case "veto" -> m.rectSeverityVeto();
            case "major" -> m.rectSeverityMajor();
            default -> m.rectSeverityMinor();
        };
        return new Row(v.id(), PATH + "/" + v.id() + "?lang=" + language.tag(), v.unit() + " " + v.unitName(),
                v.title(), severity, state, v.overdue(), language.time(v.raisedAt()), language.time(v.dueAt()),
                v.evaluation());
    }
    /** A page of {@link SignedInPages} for a reader this page is for. */
    private Uni<Response> reader(String session, ReportLanguage language, String path,
            Function<FollowupMessages, String> title, Function<Reader, Uni<Response>> work) {
        return pages.page(session, language, path, Map.of(), title.apply(ReportTables.followup(language)),
                Caller::mayReadRectifications, work);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
