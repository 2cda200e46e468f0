package io.servicegrade.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.complaint.ComplaintService;
import io.servicegrade.complaint.ComplaintView;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.rectification.RectificationService;
import io.servicegrade.rectification.RectificationView;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manager's to-do (issue 19): the rectification orders awaiting the reader's reply (open or returned, overdue
 * first by deadline) and the complaints awaiting an answer, in the reader's scope, each linked to the page where it
 * is answered; overdue ones marked in words as well as colour. A reader not signed in is sent to the sign-in page;
 * a reader who may read neither (an agency) sees that nothing awaits it. The lists are the services' own ({@link RectificationService#todo},
 * {@link ComplaintService#todo}), as the API serves them at {@code /api/v1/rectifications/todo} and
 * {@code /api/v1/complaints/todo}.
 */
@Path("/reports/todo")
public class TodoPage {

    static final String PATH = "/reports/todo";

    @Inject
    ReportResource reports;

    @Inject
    RectificationService rectifications;

    @Inject
    ComplaintService complaints;

    @Inject
    Problems problems;

    @Inject
    Languages languages;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance todo(Page page, boolean readsRectifications,
                List<RectificationPages.Row> rectifications, long rectificationsOverdue, boolean readsComplaints,
                List<ComplaintPages.Row> complaints, long complaintsOverdue);
    }

    @GET
    public Uni<Response> todo(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        FollowupMessages m = ReportTables.followup(language);
        return reports.reader(session, language).onFailure().recoverWithNull().flatMap(reader -> {
            if (reader == null) {
                return Uni.createFrom().item(Response.seeOther(URI.create(ReportResource.link("/reports/sign-in",
                        Map.of("return", PATH, "lang", language.tag())))).build());
            }
            Caller caller = reader.caller();
            AuditIntents.ofThisRequest().actor(caller.keyId(), caller.accountId(), caller.agencyId());
            boolean readsRectifications = caller.mayReadRectifications();
            boolean readsComplaints = caller.mayReadComplaints();
            Map<String, String> query = new LinkedHashMap<>();
            query.put("lang", language.tag());
            Page page = new Page(language, m.todoTitle(), null, language.time(OffsetDateTime.now()), PATH, query,
                    ReportSessionStore.csrfToken(session), reader.label(), caller.isAdmin());
            // one list after the other: a request never holds two pooled connections at once
            Uni<List<RectificationPages.Row>> orders = readsRectifications
                    ? rectifications.todo(caller).map(found -> found.stream().map(r -> RectificationPages.row(
                            RectificationView.of(r, List.of()), m, language)).toList())
                    : Uni.createFrom().item(List.of());
            return orders.flatMap(rows -> (readsComplaints
                    ? complaints.todo(caller).map(found -> found.stream().map(c -> ComplaintPages.row(
                            ComplaintView.of(c), m, language)).toList())
                    : Uni.createFrom().<List<ComplaintPages.Row>>item(List.of()))
                    .map(open -> html(Templates.todo(page, readsRectifications, rows,
                            rows.stream().filter(RectificationPages.Row::overdue).count(), readsComplaints, open,
                            open.stream().filter(ComplaintPages.Row::overdue).count()), language)))
                    .onFailure().recoverWithItem(e -> problemPage(page, problems.of(e, "page " + PATH), language));
        });
    }

    private Response problemPage(Page page, ProblemException problem, ReportLanguage language) {
        ProblemMessages messages = languages.problemMessages(language.tag());
        return Response.status(problem.status()).entity(ReportResource.Templates.problem(page,
                        problem.detail().in(messages), List.of()).setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static Response html(TemplateInstance template, ReportLanguage language) {
        return Response.ok(template.setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
