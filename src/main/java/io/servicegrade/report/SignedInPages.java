package io.servicegrade.report;

import io.quarkus.qute.TemplateInstance;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.ReportSessionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every page for a signed-in reader does the same way (appeals, rectification orders, complaints, coverage, the
 * to-do): a reader not signed in is sent to the sign-in page and back; a reader the page is not for gets 404, as if
 * it did not exist; the audit intent names the reader; a failure of the page's work becomes a problem page in the
 * reader's language with its status; a refusal's reasons name each bad field as the API does.
 */
@ApplicationScoped
public class SignedInPages {

    @Inject
    ReportResource reports;

    @Inject
    Problems problems;

    @Inject
    Languages languages;

    /** A signed-in reader and the frame of the page being made for it. */
    public record Reader(Page page, Caller caller) {
    }

    /**
     * The page at {@code path} (with {@code query}, the reader's language added) for a signed-in reader that
     * {@code admits} takes, made by {@code work}.
     */
    Uni<Response> page(String session, ReportLanguage language, String path, Map<String, String> query, String title,
            Predicate<Caller> admits, Function<Reader, Uni<Response>> work) {
        return reports.reader(session, language).onFailure().recoverWithNull().flatMap(reader -> {
            if (reader == null) {
                return Uni.createFrom().item(Response.seeOther(URI.create(ReportResource.link("/reports/sign-in",
                        Map.of("return", path, "lang", language.tag())))).build());
            }
            Caller caller = reader.caller();
            AuditIntents.ofThisRequest().actor(caller.keyId(), caller.accountId(), caller.agencyId());
            if (!admits.test(caller)) {
                return Uni.createFrom().item(Response.status(404).build());
            }
            Map<String, String> kept = new LinkedHashMap<>(query);
            kept.put("lang", language.tag());
            Page page = new Page(language, title, null, language.time(OffsetDateTime.now()), path, kept,
                    ReportSessionStore.csrfToken(session), reader.label(), caller.isAdmin());
            return work.apply(new Reader(page, caller))
                    .onFailure().recoverWithItem(e -> problemPage(page, problems.of(e, "page " + path), language));
        });
    }

    /**
     * The work of a form post to {@code path} of a page for signed-in readers (issue 20: the one preamble of every
     * such post): refused as a page before anything is looked up or changed when one of the form's {@code fields}
     * holds a control character (400), or the post came from another site or its {@code csrf} token is not the
     * session's (403); otherwise {@code work} does it.
     */
    static Function<Reader, Uni<Response>> formPost(ReportLanguage language, String path,
            HttpServerRequest request, String csrf, Map<String, String> fields, Function<Reader, Uni<Response>> work) {
        return reader -> formPost(language, path, request, reader.page().csrf(), csrf, fields,
                () -> work.apply(reader));
    }

    /** As above, for a page whose frame is made elsewhere, its session's token {@code expected}. */
    static Uni<Response> formPost(ReportLanguage language, String path, HttpServerRequest request, String expected,
            String csrf, Map<String, String> fields, Supplier<Uni<Response>> work) {
        Response refused = ReportResource.refusedForm(language, path, request, ReportSessionStore.same(expected, csrf),
                fields);
        return refused != null ? Uni.createFrom().item(refused) : work.get();
    }

    /** The refusal's reasons in the page's language: each bad field named, as the API names it. */
    List<String> reasons(ProblemException problem, ReportLanguage language) {
        ProblemMessages messages = languages.problemMessages(language.tag());
        if (problem.violations().isEmpty()) {
            return List.of(problem.detail().in(messages));
        }
        return problem.violations().stream().map(v -> v.pointer().replaceFirst("^/", "") + ": "
                + v.message().in(messages)).toList();
    }

    private Response problemPage(Page page, ProblemException problem, ReportLanguage language) {
        ProblemMessages messages = languages.problemMessages(language.tag());
        return Response.status(problem.status()).entity(ReportResource.Templates.problem(page,
                        problem.detail().in(messages), List.of()).setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** A page as HTML in the reader's language, with the status given. */
    static Response html(TemplateInstance template, ReportLanguage language, int status) {
        return Response.status(status).entity(template.setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
