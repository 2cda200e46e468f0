package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.TestApi;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: the appeals and complaints lists count every row their filters find (one count in the database, not the
 * rows of a page) and read only the page asked for: the counts, "Rows 51–60 of 60" and the rows of the last page
 * are worked out by hand over more rows than a page holds.
 */
@QuarkusTest
class FollowupListCountsTest {

    @Test
    void sixtyAppealsAreCountedWholeAndPagedFiftyAtATime() throws IOException {
        AppealFixture f = AppealFixture.of(2);
        f.post(f.setup().region() + "-i1", "inspection", f.window(1), 80);
        f.publish();
        // appeal i (0 … 59, filed in that order) is against W2's standing when i % 3 == 0 (20), else W1's (40);
        // 0 … 11 rejected (4 of W2), 12 … 17 upheld (2 of W2), 18 … 59 awaiting decision (42: 14 of W2, 28 of W1)
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(AppealFixture.file(f.manager(), f.againstStanding(f.window(i % 3 == 0 ? 2 : 1))));
        }
        for (int i = 0; i < 18; i++) {
            AppealFixture.as(f.analyst()).body(Map.of("outcome", i < 12 ? "rejected" : "upheld", "reason", "复核"))
                    .post("/api/v1/appeals/{id}/decision", ids.get(i)).then().statusCode(200);
        }
        String manager = ReportResourceTest.signedInCookie(f.manager());
        String list = "/reports/appeals?scheme=" + f.scheme() + "&";

        String first = page(manager, list + "lang=en");
        assertThat(first).contains("60 in all", "Awaiting decision: 42", "Upheld: 6", "Rejected: 12",
                "Undecided after the window closed: 0", "Rows 1–50 of 60", link(ids.get(59)), link(ids.get(10)))
                .doesNotContain(link(ids.get(9)));
        // newest first: the second page holds the ten filed first, and the counts stay those of the whole list
        String second = page(manager, list + "lang=en&page=2");
        assertThat(second).contains("60 in all", "Awaiting decision: 42", "Rows 51–60 of 60", link(ids.get(0)),
                link(ids.get(9))).doesNotContain(link(ids.get(10)), link(ids.get(59)));
        assertThat(page(manager, list + "lang=zh-CN&page=2")).contains("共 60 件", "待决定 42 件", "支持 6 件",
                "驳回 12 件", "第 51–60 行，共 60 行");

        // a state: the counts are still the list's, the rows those of the state
        assertThat(page(manager, list + "lang=en&state=rejected")).contains("60 in all", "Rejected: 12",
                "Rows 1–12 of 12", link(ids.get(0)), link(ids.get(11))).doesNotContain(link(ids.get(12)));
        // a unit: the counts are the unit's
        assertThat(page(manager, list + "lang=en&unit=" + f.window(2))).contains("20 in all",
                "Awaiting decision: 14", "Upheld: 2", "Rejected: 4", "Rows 1–20 of 20");
        assertThat(page(manager, list + "lang=en&unit=" + f.window(1) + "&state=filed")).contains("40 in all",
                "Awaiting decision: 28", "Upheld: 4", "Rejected: 8", "Rows 1–28 of 28");

        f.endWindow();
        assertThat(page(manager, list + "lang=en")).contains("60 in all", "Undecided after the window closed: 42",
                "Rows 1–50 of 60");
        // 42 late rows are one page: a page past the last shows the first
        assertThat(page(manager, list + "lang=en&overdue=true&page=2")).contains("60 in all", "Rows 1–42 of 42",
                link(ids.get(18)), link(ids.get(59))).doesNotContain(link(ids.get(17)));
        assertThat(page(manager, list + "lang=en&overdue=true&unit=" + f.window(2))).contains("20 in all",
                "Undecided after the window closed: 14", "Rows 1–14 of 14");

        // a download holds every row the filters show, not a page
        assertThat(ReportExportsTest.rows(ReportExportsTest.records(given().cookie(ReportResource.COOKIE, manager)
                .get(list + "lang=en&format=csv&table=appeals")))).hasSize(60);
        assertThat(ReportExportsTest.rows(ReportExportsTest.records(given().cookie(ReportResource.COOKIE, manager)
                .get(list + "lang=en&state=filed&format=csv&table=appeals")))).hasSize(42);
    }

    @Test
    void fiftyFiveComplaintsAreCountedWholeAndPagedFiftyAtATime() throws IOException {
        String p = SchemeVersionsTest.region(1);
        TestApi.asAdmin().contentType(ContentType.JSON).body(List.of(
                Map.of("code", p + ".W2", "name", "邮政窗口2号", "kind", "window", "parent", p)))
                .put("/api/v1/units").then().statusCode(200);
        // complaint i (0 … 54) at W2 when i % 5 == 0 (11), else W1 (44), each received a minute after the one
        // before; 0 … 9 replied in time (2 at W2), 10 … 14 replied late (1 at W2), 15 … 54 never replied, so
        // overdue now (8 at W2): 0 open, 40 overdue, 15 replied, 45 late
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            ids.add(register(p + (i % 5 == 0 ? ".W2" : ".W1"), p + "-" + i, i));
        }
        for (int i = 0; i < 15; i++) {
            TestApi.asAdmin().contentType(ContentType.JSON).body(Map.of("resolution", "已处理", "repliedAt",
                            i < 10 ? "2025-03-08T10:00:00+08:00" : "2025-03-20T10:00:00+08:00"))
                    .post("/api/v1/complaints/{id}/reply", ids.get(i)).then().statusCode(200);
        }
        String manager = ReportResourceTest.signedInCookie(AppealFixture.token(List.of("manager"), List.of(p)));
        String list = "/reports/complaints?";

        String first = page(manager, list + "lang=en");
        assertThat(first).contains("55 in all", "open: 0", "overdue: 40", "replied: 15",
                "Replied late, or unreplied past the deadline: 45", "Rows 1–50 of 55", complaint(ids.get(54)),
                complaint(ids.get(5))).doesNotContain(complaint(ids.get(4)));
        // newest received first: the second page holds the five received first
        assertThat(page(manager, list + "lang=en&page=2")).contains("55 in all", "overdue: 40", "Rows 51–55 of 55",
                complaint(ids.get(0)), complaint(ids.get(4))).doesNotContain(complaint(ids.get(5)));
        assertThat(page(manager, list + "lang=zh-CN&page=2")).contains("共 55 件", "待答复 0 件", "已超时 40 件",
                "已答复 15 件", "逾期答复或逾期未答复 45 件", "第 51–55 行，共 55 行");

        assertThat(page(manager, list + "lang=en&state=replied")).contains("55 in all", "Rows 1–15 of 15",
                complaint(ids.get(0)), complaint(ids.get(14))).doesNotContain(complaint(ids.get(15)));
        assertThat(page(manager, list + "lang=en&overdue=true")).contains("55 in all", "Rows 1–45 of 45",
                complaint(ids.get(10)), complaint(ids.get(54))).doesNotContain(complaint(ids.get(9)));
        // the unit W2: its own counts
        assertThat(page(manager, list + "lang=en&unit=" + p + ".W2")).contains("11 in all", "overdue: 8",
                "replied: 3", "Replied late, or unreplied past the deadline: 9", "Rows 1–11 of 11");
        assertThat(page(manager, list + "lang=en&unit=" + p + ".W2&state=replied&overdue=true"))
                .contains("11 in all", "Rows 1–1 of 1", complaint(ids.get(10)));

        assertThat(ReportExportsTest.rows(ReportExportsTest.records(given().cookie(ReportResource.COOKIE, manager)
                .get(list + "lang=en&format=csv&table=complaints")))).hasSize(55);
    }

    private static long register(String unit, String customer, int minute) {
        return ((Number) TestApi.asAdmin().contentType(ContentType.JSON).body(Map.of("channel", "hotline",
                        "receivedAt", String.format("2025-03-07T16:%02d:00+08:00", minute), "unit", unit,
                        "category", "fees", "subject", "多收邮费", "customerRef", customer, "firstResponder", "张三"))
                .post("/api/v1/complaints").then().statusCode(201).extract().path("id")).longValue();
    }

    private static String link(long appeal) {
        return "/reports/appeals/" + appeal + "?";
    }

    private static String complaint(long id) {
        return "/reports/complaints/" + id + "?";
    }
}
