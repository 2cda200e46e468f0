package io.servicegrade.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.csv.Xlsx;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.report.SignedInPages.Reader;
import io.servicegrade.webhook.WebhookExport;
import io.servicegrade.webhook.WebhookRepository;
import io.servicegrade.webhook.WebhookService;
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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The webhook pages (issue 19): the subscriptions with how their deliveries stand (delivered, failing, given up),
 * and one subscription's delivery log filtered by state, event kind and days, failing and given-up rows marked in
 * text as well as colour, a replay button for a given-up delivery (the administrator; a form with the session's CSRF
 * token) and the log's CSV and XLSX export. In zh-CN and en. Everything goes through {@link WebhookService}; a
 * reader not signed in is sent to the sign-in page, one who may not read webhooks gets 404.
 */
@Path("/reports/webhooks")
@Tag(name = "Reports", description = "Printable HTML report pages (Chinese and English) and their CSV tables")
public class WebhookPages {

    static final String PATH = "/reports/webhooks";
    static final int MAX_DAYS = 366;

    @Inject
    SignedInPages pages;

    @Inject
    WebhookService webhooks;

    @Inject
    ServiceGradeConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, List<Subscription> subscriptions, String summary);

        static native TemplateInstance log(Page page, Subscription webhook, List<Row> deliveries, Filter filter,
                List<String> kinds, boolean mayReplay, boolean replayed, List<String> errors, String csrf,
                String csv, String xlsx, String summary);
    }

    /** A subscription as the pages show it. */
    public record Subscription(long id, String link, String url, String kinds, String active, long delivered,
            long failing, long givenUp) {
    }

    /** A delivery as the log shows it: failing and given-up ones carry a mark in words, not only a colour. */
    public record Row(long id, String webhookId, String kind, String subject, String state, String mark,
            boolean failing, boolean givenUp, int series, int attempts, String lastAttempt, String nextAttempt) {
    }

    /** The log's filters, as typed. */
    public record Filter(String state, String kind, String days) {
    }

    @GET
    @Operation(summary = "The webhooks page: each subscription, its event kinds, and its deliveries delivered, "
            + "failing and given up")
    public Uni<Response> list(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return reader(session, language, PATH, Map.of(), FollowupMessages::webhooksTitle, reader -> {
            FollowupMessages m = ReportTables.followup(language);
            return webhooks.standings(reader.caller()).map(all -> {
                List<Subscription> shown = all.stream().map(s -> subscription(s.subscription(), s.counts(), m,
                        language)).toList();
                // issue 20: the deliveries of every subscription the reader sees, summed
                String summary = RectificationList.messages(language).fpmDeliveries(
                        shown.stream().mapToLong(Subscription::delivered).sum(),
                        shown.stream().mapToLong(Subscription::failing).sum(),
                        shown.stream().mapToLong(Subscription::givenUp).sum());
                return SignedInPages.html(Templates.list(reader.page(), shown, summary), language, 200);
            });
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A webhook's delivery log, filtered by state, event kind and days; failing and given-up "
            + "deliveries marked; a given-up one sent again from its button (administrator)")
    public Uni<Response> log(@PathParam("id") long id, @QueryParam("state") String state,
            @QueryParam("kind") String kind, @QueryParam("days") String days, @QueryParam("replayed") String replayed,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Filter filter = new Filter(orEmpty(state), orEmpty(kind), orEmpty(days));
        return reader(session, language, PATH + "/" + id, query(filter), m -> m.webhookLogTitle(id),
                reader -> logPage(reader, language, id, filter, replayed != null, List.of(), 200));
    }

    @GET
    @Path("/{id}/export")
    @Operation(summary = "A webhook's delivery log as CSV or XLSX, filtered as its page is, the header in the "
            + "page's language")
    public Uni<Response> export(@PathParam("id") long id, @QueryParam("format") String format,
            @QueryParam("state") String state, @QueryParam("kind") String kind, @QueryParam("days") String days,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Filter filter = new Filter(orEmpty(state), orEmpty(kind), orEmpty(days));
        return reader(session, language, PATH + "/" + id + "/export", query(filter), m -> m.webhookLogTitle(id),
                reader -> {
                    FollowupMessages m = ReportTables.followup(language);
                    String from = from(filter.days());
                    if (from == null && !filter.days().isEmpty()) {
                        throw ProblemException.invalid(List.of(io.servicegrade.platform.problem.QueryParameters
                                .problem("days", msg -> msg.oneOf("1.." + MAX_DAYS))));
                    }
                    boolean xlsx = "xlsx".equals(format);
                    return webhooks.deliveries(reader.caller(), id, null, blank(filter.state()),
                            blank(filter.kind()), from, null, null, true).map(all -> xlsx
                            ? Response.ok(WebhookExport.xlsx(all, language.tag())).type(Xlsx.MEDIA_TYPE)
                                    .header("Content-Disposition", "attachment; filename=\"webhook-" + id
                                            + "-deliveries.xlsx\"").build()
                            : Response.ok(WebhookExport.csv(all, language.tag())).type("text/csv; charset=UTF-8")
                                    .header("Content-Disposition", "attachment; filename=\"webhook-" + id
                                            + "-deliveries.csv\"").build());
                });
    }

    @POST
    @Path("/{id}/deliveries/{delivery}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Send a given-up delivery again from the log's button (administrator)")
    public Uni<Response> replay(@PathParam("id") long id, @PathParam("delivery") long delivery,
            @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + id;
        Filter none = new Filter("", "", "");
        return reader(session, language, path, Map.of(), m -> m.webhookLogTitle(id), SignedInPages.formPost(language,
                path, request, csrf, ReportResource.fields("lang", lang, "csrf", csrf), reader -> {
            return Uni.createFrom().deferred(() -> webhooks.delivery(reader.caller(), delivery)
                            .flatMap(found -> {
                                if (found.subscriptionId() != id) {
                                    throw ProblemException.notFound(m -> m.webhookDeliveryNotFound(delivery));
                                }
                                return webhooks.replay(reader.caller(), delivery);
                            }))
                    .map(done -> Response.seeOther(URI.create(path + "?replayed=1&lang=" + language.tag())).build())
                    .onFailure(WebhookPages::shownOnThePage).recoverWithUni(e -> logPage(reader, language, id, none,
                            false,
                            pages.reasons((ProblemException) e, language), ((ProblemException) e).status()));
        }));
    }

    private Uni<Response> logPage(Reader reader, ReportLanguage language, long id, Filter filter, boolean replayed,
            List<String> errors, int status) {
        FollowupMessages m = ReportTables.followup(language);
        String from = from(filter.days());
        List<String> problems = new java.util.ArrayList<>(errors);
        if (from == null && !filter.days().isEmpty()) {
            problems.add(m.whDaysInvalid());
        }
        Caller caller = reader.caller();
        return webhooks.get(caller, id).flatMap(found -> {
            Subscription webhook = subscription(found, WebhookRepository.Counts.NONE, m, language);
            Map<String, String> query = query(filter);
            query.put("lang", language.tag());
            String csv = ReportResource.link(PATH + "/" + id + "/export", with(query, "format", "csv"));
            String xlsx = ReportResource.link(PATH + "/" + id + "/export", with(query, "format", "xlsx"));
            Uni<List<WebhookRepository.Delivery>> log = problems.size() > errors.size()
                    ? Uni.createFrom().item(List.of())
                    : webhooks.deliveries(caller, id, null, blank(filter.state()), blank(filter.kind()), from, null,
                            String.valueOf(WebhookService.MAX_PAGE), false);
            return log.map(all -> {
                List<Row> rows = all.stream().map(d -> row(d, m, language)).toList();
                return SignedInPages.html(Templates.log(reader.page(), webhook, rows, filter, found.kinds(),
                        caller.mayManageWebhooks(), replayed, problems, reader.page().csrf(), csv, xlsx,
                        listed(all, language)), language, problems.size() > errors.size() ? 422 : status);
            });
        }).onFailure(WebhookPages::shownOnThePage).recoverWithItem(e -> {
            ProblemException problem = (ProblemException) e;
            List<String> reasons = new java.util.ArrayList<>(problems);
            reasons.addAll(pages.reasons(problem, language));
            return SignedInPages.html(Templates.log(reader.page(), new Subscription(id, PATH + "/" + id, "", "", "",
                    0, 0, 0), List.of(), filter, List.of(), false, false, reasons, reader.page().csrf(), "", "", ""),
                    language, problem.status());
        });
    }

    /** Issue 20: how the deliveries the log lists stand: delivered, failing, given up, not yet tried. */
    static String listed(List<WebhookRepository.Delivery> deliveries, ReportLanguage language) {
        long delivered = deliveries.stream().filter(d -> d.state().equals("delivered")).count();
        long givenUp = deliveries.stream().filter(d -> d.state().equals("failed")).count();
        long failing = deliveries.stream().filter(d -> d.state().equals("pending") && d.attempts() > 0).count();
        long pending = deliveries.stream().filter(d -> d.state().equals("pending") && d.attempts() == 0).count();
        return RectificationList.messages(language).fpmDeliveriesListed(deliveries.size(), delivered, failing,
                givenUp, pending);
    }

    /** A refusal the log page shows with its reasons; a missing webhook or delivery is the frame's 404 page. */
    private static boolean shownOnThePage(Throwable e) {
        return e instanceof ProblemException p && p.status() != 404 && p.status() != 403;
    }

    /** The first day of the last {@code days} days (today counted), or null when blank or not 1 to 366. */
    private String from(String days) {
        if (days.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(days.strip());
            return n < 1 || n > MAX_DAYS ? null
                    : LocalDate.now(config.timeZone()).minusDays(n - 1L).toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Subscription subscription(WebhookRepository.Subscription s, WebhookRepository.Counts counts,
            FollowupMessages m, ReportLanguage language) {
        return new Subscription(s.id(), PATH + "/" + s.id() + "?lang=" + language.tag(), s.url(),
                String.join(", ", s.kinds()), s.active() ? m.whYes() : m.whNo(), counts.delivered(),
                counts.failing(), counts.givenUp());
    }

    static Row row(WebhookRepository.Delivery d, FollowupMessages m, ReportLanguage language) {
        boolean givenUp = d.state().equals("failed");
        boolean failing = d.state().equals("pending") && d.attempts() > 0;
        String state = switch (d.state()) {
            case "delivered" -> m.whDelivered();
            case "failed" -> m.whGivenUp();
            default -> failing ? m.whFailing() : m.whPending();
        };
        String mark = givenUp ? "⚠ " + m.whGivenUpMark() : failing ? "⚠ " + m.whFailedMark() : "";
        WebhookRepository.Attempt last = d.log().isEmpty() ? null : d.log().get(d.log().size() - 1);
        String lastAttempt = last == null ? "" : language.time(last.at()) + " · "
                + (last.status() != null ? "HTTP " + last.status()
                : last.error() != null ? last.error() : m.whNoAnswer());
        return new Row(d.id(), io.servicegrade.webhook.WebhookExport.webhookId(d.eventId()), d.kind(), d.subject(),
                state, mark, failing, givenUp, d.series(), d.attempts(), lastAttempt,
                d.state().equals("pending") ? language.time(d.nextAt()) : "");
    }

    private Uni<Response> reader(String session, ReportLanguage language, String path, Map<String, String> query,
            Function<FollowupMessages, String> title, Function<Reader, Uni<Response>> work) {
        return pages.page(session, language, path, query, title.apply(ReportTables.followup(language)),
                Caller::mayReadWebhooks, work);
    }

    private static Map<String, String> query(Filter filter) {
        Map<String, String> query = new LinkedHashMap<>();
        if (!filter.state().isEmpty()) {
            query.put("state", filter.state());
        }
        if (!filter.kind().isEmpty()) {
            query.put("kind", filter.kind());
        }
        if (!filter.days().isEmpty()) {
            query.put("days", filter.days());
        }
        return query;
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(query);
        next.put(name, value);
        return next;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
