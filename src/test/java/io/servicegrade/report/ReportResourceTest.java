package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.servicegrade.scheme.SchemeVersionsTest.Setup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.adminKey;
import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.scheme.SchemeStandingsTest.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ReportResourceTest {

    /**
     * A region of three windows under a fresh scheme. 2023-Q1: W1 80/80. 2023-Q2: W1 the seed's worked example
     * (inspection 88, mystery shop 91: compliant, not model), W2 95/95 (model), W3 99/99 with a failed sign (vetoed).
     */
    record Data(Setup setup, List<Integer> ids) {

        static Data make() {
            Setup setup = Setup.of(3);
            String p = setup.region();
            String r = setup.rubric();
            String q1 = "2023-02-10T10:00:00+08:00";
            String q2 = "2023-05-10T10:00:00+08:00";
            List<Integer> ids = asAdmin().contentType(ContentType.JSON).body(Map.of("evaluations", List.of(
                    evaluation(p + "-1i", "inspection", p + ".W1", r, q2, 88, true),
                    evaluation(p + "-1m", "mystery_shop", p + ".W1", r, q2, 91, true),
                    evaluation(p + "-2i", "inspection", p + ".W2", r, q2, 95, true),
                    evaluation(p + "-2m", "mystery_shop", p + ".W2", r, q2, 95, true),
                    evaluation(p + "-3i", "inspection", p + ".W3", r, q2, 99, false),
                    evaluation(p + "-3m", "mystery_shop", p + ".W3", r, q2, 99, true),
                    evaluation(p + "-0i", "inspection", p + ".W1", r, q1, 80, true),
                    evaluation(p + "-0m", "mystery_shop", p + ".W1", r, q1, 80, true))))
                    .post("/api/v1/evaluations").then().statusCode(201).extract().path("evaluations.id");
            return new Data(setup, ids);
        }

        String p() {
            return setup.region();
        }

        String scheme() {
            return setup.scheme();
        }
    }

    static String page(String path, Map<String, ?> query) {
        return given().queryParams(query).get(path).then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
    }

    /** The sign-in form's token, as a browser has it: its cookie and the same token in the form. */
    record Form(String cookie, String csrf) {

        static Form open() {
            Response form = given().get("/reports/sign-in");
            assertThat(form.statusCode()).isEqualTo(200);
            java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                    .matcher(form.asString());
            assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
            return new Form(form.cookie(io.servicegrade.platform.security.ReportSessionStore.FORM_COOKIE), csrf.group(1));
        }

        io.restassured.specification.RequestSpecification post() {
            return given().contentType(ContentType.URLENC).cookie(io.servicegrade.platform.security.ReportSessionStore
                    .FORM_COOKIE, cookie).formParam("csrf", csrf).redirects().follow(false);
        }
    }

    static String signedInCookie() {
        return signedInCookie(adminKey());
    }

    static String signedInCookie(String key) {
        return Form.open().post().formParam("key", key).formParam("return", "/reports")
                .post("/reports/sign-in").then().statusCode(303)
                .extract().cookie(ReportResource.COOKIE);
    }

    static void inOrder(String html, String... parts) {
        int at = -1;
        for (String part : parts) {
            int next = html.indexOf(part, at + 1);
            assertThat(next).as(part + " after position " + at).isGreaterThan(at);
            at = next;
        }
    }

    @Test
    void theBoardRanksUnitsWithGradesChangesAndVetoesInBothLanguages() {
        Data d = Data.make();
        Map<String, String> query = Map.of("scheme", d.scheme(), "period", "2023-Q2", "under", d.p());
        String zh = page("/reports/standings", query);
        assertThat(zh).contains("<html lang=\"zh-CN\" ", "<h1>排名</h1>", "2023年第二季度", "共 3 行");
        // issue 16: anyone sees the veto; only a reader who may read the unit's evaluations sees which one it was
        inOrder(zh, d.p() + ".W2", "示范窗口", d.p() + ".W1", "89.50", "89.80", "达标", "▲ 9.80",
                d.p() + ".W3", "未达标", "一票否决");
        assertThat(zh).doesNotContain("一票否决（评价").doesNotContain("/reports/evaluations/" + d.ids().get(4));
        String admin = given().cookie(ReportResource.COOKIE, signedInCookie()).queryParams(query)
                .get("/reports/standings").then().statusCode(200).extract().asString();
        // issue 20: the veto in words: the item, the day and the source, with the sheet's link
        inOrder(admin, d.p() + ".W3", "未达标", "一票否决：店招（2023年5月10日，内部检查），见评价表");
        assertThat(admin).contains("/reports/evaluations/" + d.ids().get(4));
        String en = page("/reports/standings", Map.of("scheme", d.scheme(), "period", "2023-Q2", "under", d.p(),
                "lang", "en"));
        assertThat(en).contains("<html lang=\"en\" ", "<h1>Standings</h1>", "Q2 2023", "Model window",
                "Vetoed", "Printed ").doesNotContain("Vetoed (evaluation");
        String negotiated = given().header("Accept-Language", "en-GB,en;q=0.9").queryParams(query)
                .get("/reports/standings").then().statusCode(200).extract().asString();
        assertThat(negotiated).contains("<h1>Standings</h1>");

        String byCode = page("/reports/standings", Map.of("scheme", d.scheme(), "period", "2023-Q2", "under",
                d.p(), "sort", "code", "dir", "asc"));
        inOrder(byCode, d.p() + ".W1", d.p() + ".W2", d.p() + ".W3");
        assertThat(byCode).contains("aria-sort=\"ascending\"");

        String csv = given().queryParams(query).queryParam("format", "csv").queryParam("table", "standings")
                .get("/reports/standings").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        // issue 20: each source's sample count and the veto (yes or no, by, item, date) in columns of their own;
        // the gap, movement and recent periods after the grade
        assertThat(csv).startsWith("\uFEFF排名,代码,单位,平均,加权,内部检查,内部检查样本数,神秘顾客暗访,神秘顾客暗访样本数,"
                + "等级,一票否决,否决依据,否决项,否决日期,距上一等级,较上期,名次变化,等级变化,与上级均值差,近期走势");
        assertThat(csv.lines().skip(1).toList()).hasSize(3);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("1," + d.p() + ".W2,窗口2,95.00,95.00");

        String groups = page("/reports/standings", Map.of("scheme", d.scheme(), "period", "2023-Q2", "under",
                d.p(), "kind", "region", "lang", "en"));
        // W2 model, W1 compliant, W3 vetoed: a third each
        inOrder(groups, d.p(), "94.60", ">3<", "33.33%", "33.33%", "33.33%");
    }

    @Test
    void theScorecardShowsTheTrendAndTheEvaluationsToASignedInReader() {
        Data d = Data.make();
        Map<String, String> query = Map.of("scheme", d.scheme(), "unit", d.p() + ".W1", "period", "2023-Q2");
        String open = page("/reports/scorecard", query);
        assertThat(open).contains("<svg", "2023年第一季度", "2023年第二季度", "89.80", "80.00",
                "登录后可查看本期评价明细").doesNotContain("/reports/evaluations/");
        String signedIn = given().cookie(ReportResource.COOKIE, signedInCookie()).queryParams(query)
                .get("/reports/scorecard").then().statusCode(200).extract().asString();
        assertThat(signedIn).contains("/reports/evaluations/" + d.ids().get(0),
                "/reports/evaluations/" + d.ids().get(1)).doesNotContain("/reports/evaluations/" + d.ids().get(6));

        String region = page("/reports/scorecard", Map.of("scheme", d.scheme(), "unit", d.p(), "period", "2023-Q2",
                "lang", "en"));
        assertThat(region).contains("Standings of the units under it");
        inOrder(region, d.p() + ".W2", d.p() + ".W1", d.p() + ".W3");
    }

    @Test
    void theEvaluationSheetShowsTheFormDeductionsVetoAndHistoryToSignedInReadersOnly() {
        Data d = Data.make();
        int w1 = d.ids().get(0);
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "复核后更正 corrected on review", "answers",
                        List.of(Map.of("item", "findings", "violations", 10), Map.of("item", "sign", "pass", true))))
                .post("/api/v1/evaluations/{id}/revisions", w1).then().statusCode(201);
        given().redirects().follow(false).get("/reports/evaluations/{id}", w1).then().statusCode(303)
                .header("Location", containsString("/reports/sign-in"));

        String cookie = signedInCookie();
        String zh = given().cookie(ReportResource.COOKIE, cookie).get("/reports/evaluations/{id}", w1)
                .then().statusCode(200).extract().asString();
        assertThat(zh).contains("<h1>评价表</h1>", d.p() + ".W1", "内部检查", "部分", "发现", "100.00", "90.00",
                "扣 10 分", "未触发一票否决", "修订记录", "复核后更正 corrected on review", "88.00");
        String vetoed = given().cookie(ReportResource.COOKIE, cookie).queryParam("lang", "en")
                .get("/reports/evaluations/{id}", d.ids().get(4)).then().statusCode(200).extract().asString();
        assertThat(vetoed).contains("Evaluation sheet", "Vetoed: Sign");

        String csv = given().cookie(ReportResource.COOKIE, cookie).queryParams(Map.of("format", "csv", "table",
                "history")).get("/reports/evaluations/{id}", w1).then().statusCode(200).extract().asString();
        assertThat(csv).startsWith("\uFEFF版次,类型,时间,测评机构,原因,原得分,得分").contains("复核后更正");
    }

    @Test
    void theNoticeProposesGradedUnitsAndTheBulletinComparesGroups() {
        Data d = Data.make();
        String notice = page("/reports/notice", Map.of("scheme", d.scheme(), "period", "2023-Q2"));
        inOrder(notice, "<h1>公示</h1>", "拟评为「示范窗口」的单位", d.p() + ".W2", "拟评为「达标」的单位",
                d.p() + ".W1", "公示期", "考核办公室");
        assertThat(notice).doesNotContain(d.p() + ".W3");
        // issue 18: a notice of a period not yet published is a draft, and says when objections will be heard
        String en = page("/reports/notice", Map.of("scheme", d.scheme(), "period", "2023-Q2", "lang", "en"));
        assertThat(en).contains("Proposed as Model window", "<strong>Draft.</strong>", "class=\"watermark\"",
                "The objection period of 7 day(s) will begin when the period is published.");
        assertThat(notice).contains("<strong>草稿。</strong>", "公示期 7 天，自本期发布之日起算。");
        io.servicegrade.TestApi.asAdmin().post("/api/v1/schemes/{key}/periods/{period}/publish", d.scheme(), "2023-Q2")
                .then().statusCode(200);
        // published: the window's real dates, fixed at publication (7 days, the publication day included)
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String published = page("/reports/notice", Map.of("scheme", d.scheme(), "period", "2023-Q2", "lang", "en"));
        java.time.format.DateTimeFormatter english = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy",
                java.util.Locale.UK);
        assertThat(published).contains("<strong>Published for objection.</strong>", "Objections may be made from "
                + today.format(english) + " to " + today.plusDays(6).format(english))
                .doesNotContain("class=\"watermark\"");

        String bulletin = page("/reports/bulletin", Map.of("scheme", d.scheme(), "period", "2023-Q2", "level",
                "region", "lang", "en"));
        assertThat(bulletin).contains("<h1>Bulletin</h1>", "Best units", "Weakest units");
        inOrder(bulletin, "Best units", d.p() + ".W2", d.p() + ".W1", "Weakest units", d.p() + ".W3", d.p() + ".W1");
        // the region's mean rose from 80.00 in Q1 (only W1 had values) to 94.60
        inOrder(bulletin, d.p(), "94.60", "+14.60");
    }

    @Test
    void problemsAreReadablePagesAndSignInIsChecked() {
        Response missing = given().queryParams(Map.of("scheme", "no-such-scheme", "period", "2023-Q2"))
                .get("/reports/standings");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("text/html");
        assertThat(missing.asString()).contains("不存在考核方案 &#39;no-such-scheme&#39;");

        Form.open().post().formParam("key", "sg_wrong").formParam("return", "//evil.example")
                .post("/reports/sign-in").then().statusCode(303)
                .header("Location", containsString("/reports/sign-in?return=%2Freports&failed=1"));
        String home = page("/", Map.of("lang", "en"));
        assertThat(home).contains("<h1>Reports</h1>", "create-satisfied-windows", "/reports/standings?");
    }
}
