package io.servicegrade.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.servicegrade.coverage.CoverageService;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.ReportSessionStore;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inspection coverage page (issue 19): the coverage rates per group, the overdue list (each row marked in
 * words, not only by colour) and the never-inspected list, with filters (plan, unit, group level, period, day).
 * For a signed-in reader who may read coverage (the admin, analysts, inspectors, managers in their scope); a reader
 * not signed in is sent to the sign-in page, anyone else gets 404. Everything comes from {@link CoverageService},
 * so the page shows what the API answers.
 */
@Path("/reports/coverage")
@Tag(name = "Reports", description = "Printable HTML report pages (Chinese and English) and their CSV tables")
public class CoveragePages {

    static final String PATH = "/reports/coverage";

    @Inject
    SignedInPages pages;

    @Inject
    CoverageService coverage;

    @Inject
    UnitRepository units;

    @Inject
    UnitService tree;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance coverage(Page page, Filters filters, CoverageTables tables,
                List<String> errors);
    }

    /** The filters as typed, shown again in the form. */
    public record Filters(String plan, String unit, String level, String period, String at) {
    }

    @GET
    @Operation(summary = "The inspection coverage page: rates per group, overdue and never-inspected units")
    public Uni<Response> page(@QueryParam("plan") String plan, @QueryParam("unit") String unit,
            @QueryParam("level") String level, @QueryParam("period") String period, @QueryParam("at") String at,
            @QueryParam("format") String format, @QueryParam("table") String table, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String accept,
            @CookieParam(ReportSessionStore.COOKIE) String session) {
        ReportLanguage language = ReportLanguage.of(lang, accept);
        Filters filters = new Filters(orEmpty(plan), orEmpty(unit), orEmpty(level), orEmpty(period), orEmpty(at));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("plan", plan);
        query.put("unit", unit);
        query.put("level", level);
        query.put("period", period);
        query.put("at", at);
        FollowupMessages m = ReportTables.followup(language);
        return pages.page(session, language, PATH, query, m.coverageTitle(), Caller::mayReadCoverage, reader ->
                content(reader.caller(), filters, language).map(t -> {
                            // issue 20: a table's download (CSV or XLSX) from the rows the page shows
                            Table download = ReportResource.downloading(format) ? t.named(table) : null;
                            return download != null ? ReportResource.download(download, "coverage", format)
                                    : SignedInPages.html(Templates.coverage(reader.page(), filters, t, List.of()),
                                            language, 200);
                        })
                        .onFailure(ProblemException.class).recoverWithItem(e -> SignedInPages.html(
                                Templates.coverage(reader.page(), filters, null,
                                        pages.reasons((ProblemException) e, language)), language,
                                ((ProblemException) e).status())));
    }

    private Uni<CoverageTables> content(Caller caller, Filters f, ReportLanguage language) {
        String plan = blank(f.plan());
        String unit = blank(f.unit());
        String level = blank(f.level());
        List<Violation> problems = new ArrayList<>();
        LocalDate day = CoverageService.day("at", blank(f.at()), problems);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(problems));
        }
        CoverageService.Range range;
        try {
            range = coverage.range(blank(f.period()), null, null);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return coverage.rates(caller, plan, unit, level, range).flatMap(rates -> coverage.standing(caller, plan, unit,
                day).flatMap(standing -> CoverageTables.of(units, tree, rates, standing, language)));
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
