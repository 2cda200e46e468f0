package io.servicegrade.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.complaint.ComplaintService;
import io.servicegrade.complaint.ComplaintView;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.ReportSessionStore;
import io.servicegrade.report.SignedInPages.Reader;
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

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, List<Row> complaints, List<Option> channels,
                List<Option> states, String unit, boolean overdueOnly, List<String> errors);

        static native TemplateInstance detail(Page page, Row complaint, boolean mayReply, String resolution,
                String repliedAt, boolean replied, List<String> errors, String csrf);
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
    @Operation(summary = "The complaints page: the complaints the reader may see, filtered, overdue ones marked")
    public Uni<Response> list(@QueryParam("state") String state, @QueryParam("channel") String channel,
            @QueryParam("unit") String unit, @QueryParam("overdue") String overdue, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        FollowupMessages m = ReportTables.followup(language);
        String s = blank(state);
        String c = blank(channel);
        String u = blank(unit);
        boolean overdueOnly = "true".equals(overdue);
        return reader(session, language, PATH, FollowupMessages::complaintsTitle, reader -> complaints
                .list(reader.caller(), c, u, s, overdueOnly ? Boolean.TRUE : null, null, null, null, null)
                .map(found -> SignedInPages.html(Templates.list(reader.page(), found.stream().map(x -> row(ComplaintView.of(x),
                        m, language)).toList(), channels(m, c), states(m, s), u == null ? "" : u, overdueOnly,
                        List.of()), language, 200))
                .onFailure(ProblemException.class).recoverWithItem(e -> SignedInPages.html(Templates.list(reader.page(),
                        List.of(), channels(m, c), states(m, s), u == null ? "" : u, overdueOnly,
                        pages.reasons((ProblemException) e, language)), language, ((ProblemException) e).status())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One complaint: its deadline, state and reply, and the reply form")
    public Uni<Response> detail(@PathParam("id") long id, @QueryParam("replied") String replied,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return reader(session, language, PATH + "/" + id, m -> m.complaintTitle(id), reader -> detailPage(reader,
                language, id, "", "", replied != null, List.of(), 200));
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
        return reader(session, language, path, m -> m.complaintTitle(id), reader -> {
            Response refused = ReportResource.refusedForm(language, path, request,
                    ReportSessionStore.same(reader.page().csrf(), csrf), ReportResource.fields("repliedAt",
                            repliedAt, "lang", lang, "csrf", csrf));
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
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
                            resolution == null ? "" : resolution, repliedAt == null ? "" : repliedAt, false,
                            pages.reasons((ProblemException) e, language), ((ProblemException) e).status()));
        });
    }

    private Uni<Response> detailPage(Reader reader, ReportLanguage language, long id, String resolution,
            String repliedAt, boolean replied, List<String> errors, int status) {
        FollowupMessages m = ReportTables.followup(language);
        return complaints.read(reader.caller(), id).map(found -> {
            ComplaintView view = ComplaintView.of(found);
            return SignedInPages.html(Templates.detail(reader.page(), row(view, m, language),
                    reader.caller().mayReplyComplaints() && view.repliedAt() == null, resolution, repliedAt, replied,
                    errors, reader.page().csrf()), language, status);
        });
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
        for (String s : List.of("open", "overdue", "replied")) {
            options.add(new Option(s, state(m, s), s.equals(chosen)));
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

    private static String state(FollowupMessages m, String state) {
        return switch (state) {
            case "replied" -> m.complaintStateReplied();
            case "overdue" -> m.complaintStateOverdue();
            default -> m.complaintStateOpen();
        };
    }

    static Row row(ComplaintView v, FollowupMessages m, ReportLanguage language) {
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
                v.unit() + " " + v.unitName(), channel(m, v.channel()), v.category(), v.subject(), v.firstResponder(),
                language.time(v.dueAt()), state(m, v.state()), v.state().equals("overdue"),
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
