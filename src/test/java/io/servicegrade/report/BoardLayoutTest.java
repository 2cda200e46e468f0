package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.TestApi.freshPrefix;
import static io.servicegrade.report.ReportResourceTest.page;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: a board's filters by name (a service line by its name, a unit by its name or code) and a value that names
 * nothing kept on the page with a notice; the draft watermark of a notice and a bulletin until publication.
 */
@QuarkusTest
class BoardLayoutTest {

    /**
     * A region with two outlets: east (A) holds a savings window and a counter window, west (B) a savings window
     * tagged with the region's own tag. Every window has one inspection and one mystery shop in 2025-Q2.
     */
    record Tree(String p, String scheme, String tag) {

        static Tree make() {
            String p = freshPrefix();
            String tag = p.toLowerCase(Locale.ROOT);
            List<Map<String, Object>> units = new ArrayList<>();
            units.add(Map.of("code", p, "name", "区" + p, "kind", "region"));
            units.add(Map.of("code", p + ".A", "name", "东门支局" + p, "kind", "outlet", "parent", p));
            units.add(Map.of("code", p + ".B", "name", "西门支局" + p, "kind", "outlet", "parent", p));
            units.add(Map.of("code", p + ".A.S", "name", "储蓄窗口" + p, "kind", "window", "parent", p + ".A",
                    "serviceLine", "savings"));
            units.add(Map.of("code", p + ".A.C", "name", "营业窗口" + p, "kind", "window", "parent", p + ".A",
                    "serviceLine", "counter"));
            Map<String, Object> west = new HashMap<>(Map.of("code", p + ".B.S", "name", "储蓄窗口" + p, "kind",
                    "window", "parent", p + ".B", "serviceLine", "savings"));
            west.put("tags", List.of(tag));
            units.add(west);
            asAdmin().contentType(ContentType.JSON).body(units).put("/api/v1/units").then().statusCode(200);
            String rubric = p.toLowerCase(Locale.ROOT) + "-rubric";
            String scheme = p.toLowerCase(Locale.ROOT) + "-scheme";
            io.servicegrade.scheme.SchemeStandingsTest.rubric(rubric);
            io.servicegrade.scheme.SchemeVersionsTest.put(scheme, io.servicegrade.scheme.SchemeVersionsTest.scheme(
                    rubric, "2025-01-01", "90", "quarter", "Asia/Shanghai")).statusCode(201);
            String when = "2025-05-12T10:00:00+08:00";
            List<Map<String, Object>> evaluations = new ArrayList<>();
            for (String w : List.of(".A.S", ".A.C", ".B.S")) {
                evaluations.add(evaluation(p + w + "-i", "inspection", p + w, rubric, when, 92, true));
                evaluations.add(evaluation(p + w + "-m", "mystery_shop", p + w, rubric, when, 92, true));
            }
            asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", evaluations))
                    .post("/api/v1/evaluations").then().statusCode(201);
            return new Tree(p, scheme, tag);
        }

        Map<String, String> query(String... pairs) {
            Map<String, String> query = new HashMap<>(Map.of("scheme", scheme, "period", "2025-Q2"));
            for (int i = 0; i < pairs.length; i += 2) {
                query.put(pairs[i], pairs[i + 1]);
            }
            return query;
        }
    }

    @Test
    void aServiceLineIsChosenByItsNameInEitherLanguageAndAUnitByItsNameOrCode() {
        Tree t = Tree.make();
        // 储蓄 is the savings line's Chinese name: the two savings windows, not the counter one
        String savings = page("/reports/standings", t.query("under", t.p(), "serviceLine", "储蓄"));
        assertThat(savings).contains(t.p() + ".A.S", t.p() + ".B.S").doesNotContain(t.p() + ".A.C")
                .doesNotContain("class=\"filter-notice\"")
                // the field keeps what was typed, and suggests the lines by name
                .contains("value=\"储蓄\"", "<option value=\"储蓄\">savings</option>");
        String english = page("/reports/standings", t.query("under", t.p(), "serviceLine", "saVINGS", "lang", "en"));
        assertThat(english).contains(t.p() + ".A.S", t.p() + ".B.S").doesNotContain(t.p() + ".A.C");
        String counter = page("/reports/standings", t.query("under", t.p(), "serviceLine", "Postal", "lang", "en"));
        assertThat(counter).contains(t.p() + ".A.C").doesNotContain(t.p() + ".A.S");

        // the east outlet by its name, and by its code in another case
        String east = page("/reports/standings", t.query("under", "东门支局" + t.p()));
        assertThat(east).contains(t.p() + ".A.S", t.p() + ".A.C").doesNotContain(t.p() + ".B.S")
                .contains("list=\"f-under-units\"", "<datalist id=\"f-under-units\">");
        String byCode = page("/reports/standings", t.query("under", (t.p() + ".b").toLowerCase(Locale.ROOT)));
        assertThat(byCode).contains(t.p() + ".B.S").doesNotContain(t.p() + ".A.S");
    }

    @Test
    void anUnknownOrAmbiguousValueKeepsThePageAndItsOtherFiltersAndSaysSo() {
        Tree t = Tree.make();
        String unknown = "XYZ" + t.p();
        // the unit names nothing: the page stays (200), the tag filter still applies (only the west window)
        String zh = page("/reports/standings", t.query("under", unknown, "tag", t.tag()));
        assertThat(zh).contains("class=\"filter-notice\"", "未找到单位“" + unknown + "”", t.p() + ".B.S",
                "value=\"" + unknown + "\"", "value=\"" + t.tag() + "\"").doesNotContain(t.p() + ".A.S");
        String en = page("/reports/standings", t.query("under", unknown, "tag", t.tag(), "lang", "en"));
        assertThat(en).contains("No unit “" + unknown + "”", t.p() + ".B.S");

        // a line that names nothing: the notice lists the lines there are; the unit filter still applies
        String moon = page("/reports/standings", t.query("under", t.p(), "serviceLine", "月亮", "lang", "en"));
        assertThat(moon).contains("No service line “月亮” (there are: ", "Savings (savings)", t.p() + ".A.C");

        // 储蓄窗口<p> is the name of a window in each outlet: not applied, both named with their codes
        String name = "储蓄窗口" + t.p();
        String twice = page("/reports/standings", t.query("under", name, "tag", t.tag()));
        assertThat(twice).contains("“" + name + "”对应多个单位", name + " (" + t.p() + ".A.S)",
                name + " (" + t.p() + ".B.S)");
    }

    @Test
    void theNoticeAndBulletinCarryADraftWatermarkUntilPublishedAndTheObjectionPeriodRunsFromThePublication() {
        Tree t = Tree.make();
        Map<String, String> en = t.query("lang", "en");
        for (String path : List.of("/reports/notice", "/reports/bulletin")) {
            assertThat(page(path, en)).as(path).contains("<div class=\"watermark\" aria-hidden=\"true\">",
                    "<strong>Draft.</strong>");
        }
        String publishedAt = asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", t.scheme(), "2025-Q2")
                .then().statusCode(200).extract().path("publishedAt");
        for (String path : List.of("/reports/notice", "/reports/bulletin")) {
            assertThat(page(path, en)).as(path).doesNotContain("class=\"watermark\"")
                    .contains("<strong>Published for objection.</strong>");
        }
        // 7 days (the scheme's default), the day of publication in Beijing included: its date to 6 days after,
        // whatever day the notice is read
        LocalDate from = OffsetDateTime.parse(publishedAt).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                .toLocalDate();
        DateTimeFormatter english = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
        assertThat(page("/reports/notice", en)).contains("Objections may be made from " + from.format(english)
                + " to " + from.plusDays(6).format(english));
    }
}
