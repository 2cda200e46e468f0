package io.servicegrade.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.complaint.ComplaintCategories;
import io.servicegrade.complaint.ComplaintService;
import io.servicegrade.complaint.ComplaintView;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.rectification.RectificationService;
import io.servicegrade.rectification.RectificationView;
import io.servicegrade.unit.UnitRepository;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
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
    SignedInPages pages;

    @Inject
    RectificationService rectifications;

    @Inject
    ComplaintService complaints;

    @Inject
    ComplaintCategories categories;

    @Inject
    UnitRepository unitRepository;

    @Inject
    UnitService unitService;

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
        // every signed-in reader has a to-do; one who may read neither list (an agency) sees that nothing awaits it
        return pages.page(session, language, PATH, Map.of(), m.todoTitle(), caller -> true, reader -> {
            Caller caller = reader.caller();
            boolean readsRectifications = caller.mayReadRectifications();
            boolean readsComplaints = caller.mayReadComplaints();
            // one list after the other, then the units' paths (issue 20): a request never holds two pooled
            // connections at once
            Uni<List<RectificationView>> orders = readsRectifications
                    ? rectifications.todo(caller).map(found -> found.stream()
                            .map(r -> RectificationView.of(r, List.of())).toList())
                    : Uni.createFrom().item(List.of());
            return orders.flatMap(views -> (readsComplaints
                    ? complaints.todo(caller).map(found -> found.stream()
                            .map(c -> ComplaintView.of(c, categories.of(c.category()))).toList())
                    : Uni.createFrom().<List<ComplaintView>>item(List.of()))
                    .flatMap(open -> {
                        List<String> codes = new ArrayList<>();
                        views.forEach(v -> codes.add(v.unit()));
                        open.forEach(v -> codes.add(v.unit()));
                        return UnitPaths.of(unitRepository, unitService, codes).map(paths -> {
                            List<RectificationPages.Row> rows = views.stream().map(v -> RectificationPages.row(v, m,
                                    language).at(paths.getOrDefault(v.unit(), v.unitName()), v.unit())).toList();
                            List<ComplaintPages.Row> answers = open.stream().map(v -> ComplaintPages.row(v, m,
                                    language, paths.getOrDefault(v.unit(), v.unitName()))).toList();
                            return SignedInPages.html(Templates.todo(reader.page(), readsRectifications, rows,
                                    rows.stream().filter(RectificationPages.Row::overdue).count(), readsComplaints,
                                    answers, answers.stream().filter(ComplaintPages.Row::overdue).count()),
                                    language, 200);
                        });
                    }));
        });
    }
}
