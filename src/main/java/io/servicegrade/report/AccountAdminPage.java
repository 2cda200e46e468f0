package io.servicegrade.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.account.AccountService;
import io.servicegrade.account.Role;
import io.servicegrade.account.RoleMessages;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.database.EventLoopWork;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.ReportSessionStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The account administration page (issue 16, point 6): the accounts, a form to make one, and per account a form to
 * change its name, roles, scope and whether it is disabled, and to reset its password (a generated one shown once,
 * on a page that is not kept). In zh-CN and en; every form carries the session's CSRF token and is refused from
 * another site. Only for an administrator's session (an administrator's account, or the admin key): a reader who
 * is not signed in is sent to the sign-in page; anyone else signed in gets 404, as if the page did not exist.
 * The changes go through {@link AccountService} with the API's readers, so a refusal names the same fields.
 */
@Path("/reports/admin/accounts")
@Tag(name = "Reports", description = "Printable HTML report pages (Chinese and English) and their CSV tables")
public class AccountAdminPage {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern LIST = Pattern.compile("[\\s,;，；、]+");
    static final int PAGE_SIZE = 100;
    static final String PATH = "/reports/admin/accounts";

    @Inject
    ReportResource reports;

    @Inject
    AccountService accounts;

    @Inject
    Problems problems;

    @Inject
    Languages languages;

    @Inject
    io.servicegrade.account.RoleTexts roleTexts;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, List<AccountRow> accounts, String next, AccountForm form,
                List<String> errors, String csrf);

        static native TemplateInstance edit(Page page, AccountForm form, String action, boolean saved,
                List<String> errors, String csrf);

        static native TemplateInstance password(Page page, String login, String password, boolean made);
    }

    /** An account in the list. */
    public record AccountRow(String login, String displayName, String roles, String scope, boolean disabled,
            String link) {
    }

    /** A role to tick. */
    public record RoleChoice(String key, String name, boolean checked) {
    }

    /** What a form shows: an account's fields, or what was typed when it was refused. */
    public record AccountForm(String login, String displayName, List<RoleChoice> roles, String scope,
            boolean disabled, String agency, String sources, String oidcSubject) {
    }

    /** An administrator's page: its frame, and the CSRF token of the session's forms. */
    private record Admin(Page page, String csrf) {
    }

    @GET
    @Operation(summary = "The account administration page: the accounts, and a form to make one (administrators)")
    public Uni<Response> list(@QueryParam("after") String after, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return admin(session, language, PATH, messages -> messages.accountsAdmin(), admin -> listPage(admin,
                language, after, emptyForm(language), List.of(), 200));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Make an account from the administration page's form; a generated password is shown once")
    public Uni<Response> create(@FormParam("login") String login, @FormParam("displayName") String displayName,
            @FormParam("roles") List<String> roles, @FormParam("scope") String scope,
            @FormParam("agency") String agency, @FormParam("sources") String sources,
            @FormParam("oidcSubject") String oidcSubject,
            @FormParam("password") String password, @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return admin(session, language, PATH, messages -> messages.accountsAdmin(),
                admin -> SignedInPages.formPost(language, PATH, request, admin.csrf(), csrf,
                ReportResource.fields("login", login, "displayName", displayName, "scope", scope, "agency", agency,
                "sources", sources, "oidcSubject", oidcSubject, "lang", lang, "csrf", csrf), () -> {
            ObjectNode body = JSON.objectNode();
            put(body, "login", login);
            if (agency != null && !agency.isBlank()) {
                body.put("agency", agency.trim());
            }
            if (sources != null && !sources.isBlank()) {
                list(body, "sources", codes(sources));
            }
            if (oidcSubject != null && !oidcSubject.isBlank()) {
                body.put("oidcSubject", oidcSubject);
            }
            put(body, "displayName", displayName);
            list(body, "roles", roles);
            if (scope != null && !scope.isBlank()) {
                list(body, "scope", codes(scope));
            }
            if (password != null && !password.isEmpty()) {
                body.put("password", password);
            }
            AccountForm typed = new AccountForm(login, displayName, choices(language, roles), scope, false, agency,
                    sources, oidcSubject);
            return accounts.create(body).map(made -> noStore(Templates.password(titled(admin, language,
                    m -> m.accountsAdmin()), made.account().account().login, made.generatedPassword(), true),
                    language))
                    .onFailure(ProblemException.class).recoverWithUni(e -> listPage(admin, language, null, typed,
                            reasons((ProblemException) e, language), ((ProblemException) e).status()));
        }));
    }

    @GET
    @Path("/{login}")
    @Operation(summary = "One account's administration page: change it, or reset its password (administrators)")
    public Uni<Response> edit(@PathParam("login") String login, @QueryParam("saved") String saved,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        return admin(session, language, PATH + "/" + login, messages -> messages.editAccountTitle(),
                admin -> EventLoopWork.start(() -> accounts.get(login)).map(shown -> html(Templates.edit(
                        titled(admin, language, m -> m.editAccountTitle()), form(shown, language), action(shown),
                        saved != null, List.of(), admin.csrf()), language, 200)));
    }

    @POST
    @Path("/{login}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Change an account from its administration page")
    public Uni<Response> change(@PathParam("login") String login, @FormParam("displayName") String displayName,
            @FormParam("roles") List<String> roles, @FormParam("scope") String scope,
            @FormParam("disabled") String disabled, @FormParam("agency") String agency,
            @FormParam("sources") String sources, @FormParam("oidcSubject") String oidcSubject,
            @FormParam("csrf") String csrf, @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept, @CookieParam(ReportSessionStore.COOKIE) String session,
            @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + login;
        return admin(session, language, path, messages -> messages.editAccountTitle(),
                admin -> SignedInPages.formPost(language, path, request, admin.csrf(), csrf,
                ReportResource.fields("displayName", displayName, "scope", scope, "disabled", disabled, "agency",
                agency, "sources", sources, "oidcSubject", oidcSubject, "lang", lang, "csrf", csrf), () -> {
            ObjectNode body = JSON.objectNode();
            put(body, "displayName", displayName);
            list(body, "roles", roles);
            list(body, "scope", scope == null || scope.isBlank() ? List.of() : codes(scope));
            body.put("disabled", "true".equals(disabled));
            // an empty agency unlinks, empty sources allow every source
            if (agency == null || agency.isBlank()) {
                body.putNull("agency");
            } else {
                body.put("agency", agency.trim());
            }
            if (sources == null || sources.isBlank()) {
                body.putNull("sources");
            } else {
                list(body, "sources", codes(sources));
            }
            // an empty single sign-on subject unlinks; a form without the field leaves the link as it is
            if (oidcSubject != null) {
                if (oidcSubject.isBlank()) {
                    body.putNull("oidcSubject");
                } else {
                    body.put("oidcSubject", oidcSubject);
                }
            }
            return accounts.get(login).flatMap(current -> accounts.change(login, body)
                    .map(changed -> Response.seeOther(URI.create(action(changed) + "?saved=1&lang="
                            + language.tag())).build())
                    .onFailure(ProblemException.class).recoverWithItem(e -> html(Templates.edit(
                            titled(admin, language, m -> m.editAccountTitle()), new AccountForm(
                                    current.account().login, displayName, choices(language, roles), scope,
                                    "true".equals(disabled), agency, sources, oidcSubject), action(current), false,
                            reasons((ProblemException) e, language), admin.csrf()), language,
                            ((ProblemException) e).status())));
        }));
    }

    @POST
    @Path("/{login}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Access(Access.Level.OPEN)
    @Operation(summary = "Reset an account's password from its administration page; the new one is shown once")
    public Uni<Response> resetPassword(@PathParam("login") String login, @FormParam("csrf") String csrf,
            @FormParam("lang") String lang, @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session, @Context HttpServerRequest request) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        String path = PATH + "/" + login + "/password";
        return admin(session, language, path, messages -> messages.resetPassword(),
                admin -> SignedInPages.formPost(language, path, request, admin.csrf(), csrf,
                ReportResource.fields("lang", lang, "csrf", csrf), () -> {
            return accounts.resetPassword(login, null).map(made -> noStore(Templates.password(titled(admin,
                    language, m -> m.resetPassword()), made.account().account().login, made.generatedPassword(),
                    false), language));
        }));
    }

    /**
     * An administrator's page, or: the sign-in page for a reader not signed in, 404 for anyone else; a problem of
     * the work becomes a page in the reader's language with the problem's status.
     */
    private Uni<Response> admin(String session, ReportLanguage language, String path,
            Function<ReportMessages, String> title, Function<Admin, Uni<Response>> work) {
        return reports.reader(session, language).onFailure().recoverWithNull().flatMap(reader -> {
            if (reader == null) {
                return Uni.createFrom().item(Response.seeOther(URI.create(ReportResource.link("/reports/sign-in",
                        Map.of("return", PATH, "lang", language.tag())))).build());
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("lang", language.tag());
            Page page = new Page(language, title.apply(ReportTables.messages(language)), null,
                    language.time(OffsetDateTime.now()), path, query, ReportSessionStore.csrfToken(session),
                    reader.label(), reader.caller().isAdmin());
            // a form's write is recorded against the signed-in reader, not as anonymous: a person's session has no
            // key, and is recorded as its account's (issue 16); a refused one is recorded as refused
            AuditIntents.ofThisRequest().actor(reader.caller().keyId(), reader.caller().accountId(),
                    reader.caller().agencyId());
            if (!reader.caller().isAdmin()) {
                // as if the page did not exist: the same 404 as any unknown report page
                return Uni.createFrom().item(Response.status(404).build());
            }
            return work.apply(new Admin(page, page.csrf()))
                    .onFailure().recoverWithItem(e -> problemPage(page, problems.of(e, "page " + path), language));
        });
    }

    private Uni<Response> listPage(Admin admin, ReportLanguage language, String after, AccountForm form,
            List<String> errors, int status) {
        RoleMessages roles = roleMessages(language);
        String separator = language.chinese() ? "、" : ", ";
        return EventLoopWork.start(() -> accounts.page(PAGE_SIZE, after == null || after.isBlank() ? null : after))
                .map(found -> {
                    List<AccountRow> rows = found.stream().limit(PAGE_SIZE).map(shown -> new AccountRow(
                            shown.account().login, shown.account().displayName, String.join(separator,
                                    shown.account().roleList().stream().map(r -> r.name(roles)).toList()),
                            String.join(" ", shown.scope()), shown.account().disabledAt != null,
                            action(shown) + "?lang=" + language.tag())).toList();
                    String next = found.size() > PAGE_SIZE ? ReportResource.link(PATH, Map.of("after",
                            rows.get(rows.size() - 1).login(), "lang", language.tag())) : null;
                    return html(Templates.list(titled(admin, language, m -> m.accountsAdmin()), rows, next, form,
                            errors, admin.csrf()), language, status);
                });
    }

    private AccountForm emptyForm(ReportLanguage language) {
        return new AccountForm("", "", choices(language, List.of()), "", false, "", "", "");
    }

    private AccountForm form(AccountService.Shown shown, ReportLanguage language) {
        return new AccountForm(shown.account().login, shown.account().displayName, choices(language,
                shown.account().roleList().stream().map(Role::key).toList()), String.join(" ", shown.scope()),
                shown.account().disabledAt != null, shown.agency() == null ? "" : shown.agency(),
                shown.account().sources == null ? "" : String.join(" ", shown.account().sources),
                shown.account().oidcSubject == null ? "" : shown.account().oidcSubject);
    }

    private List<RoleChoice> choices(ReportLanguage language, List<String> checked) {
        RoleMessages roles = roleMessages(language);
        List<String> ticked = checked == null ? List.of() : checked;
        List<RoleChoice> choices = new ArrayList<>();
        for (Role role : Role.values()) {
            choices.add(new RoleChoice(role.key(), role.name(roles), ticked.contains(role.key())));
        }
        return choices;
    }

    private RoleMessages roleMessages(ReportLanguage language) {
        return roleTexts.in(language.chinese());
    }

    /** The refusal's reasons in the page's language: each bad field named, as the API names it. */
    private List<String> reasons(ProblemException problem, ReportLanguage language) {
        ProblemMessages messages = languages.problemMessages(language.tag());
        if (problem.violations().isEmpty()) {
            return List.of(problem.detail().in(messages));
        }
        return problem.violations().stream().map(v -> v.pointer().replaceFirst("^/", "").replaceAll("/\\d+$", "")
                + ": " + v.message().in(messages)).toList();
    }

    private static String action(AccountService.Shown shown) {
        return PATH + "/" + shown.account().login;
    }

    private static Page titled(Admin admin, ReportLanguage language, Function<ReportMessages, String> title) {
        Page p = admin.page();
        return new Page(p.lang(), title.apply(ReportTables.messages(language)), null, p.printedAt(), p.path(),
                p.query(), p.csrf(), p.signedInAs(), p.administrator());
    }

    private static List<String> codes(String scope) {
        List<String> codes = new ArrayList<>();
        for (String code : LIST.split(scope.trim())) {
            if (!code.isEmpty()) {
                codes.add(code);
            }
        }
        return codes;
    }

    private static void put(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static void list(ObjectNode body, String field, List<String> values) {
        ArrayNode array = body.putArray(field);
        if (values != null) {
            values.forEach(array::add);
        }
    }

    private Response problemPage(Page page, ProblemException problem, ReportLanguage language) {
        ProblemMessages messages = languages.problemMessages(language.tag());
        Page titled = new Page(page.lang(), problem.title().in(messages), null, page.printedAt(), page.path(),
                page.query(), page.csrf(), page.signedInAs(), page.administrator());
        return Response.status(problem.status()).entity(ReportResource.Templates.problem(titled,
                        problem.detail().in(messages), List.of()).setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Retry-After", problem.retryAfterSeconds()).build();
    }

    private static Response html(TemplateInstance template, ReportLanguage language, int status) {
        return Response.status(status).entity(template.setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** A page holding a generated password: never kept by the browser or a proxy. */
    private static Response noStore(TemplateInstance template, ReportLanguage language) {
        return Response.ok(template.setAttribute("locale", language.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }
}
