package io.servicegrade.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.servicegrade.rectification.RectificationFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static io.servicegrade.report.SignedInPagesFixture.csrf;
import static io.servicegrade.report.SignedInPagesFixture.page;
import static org.assertj.core.api.Assertions.assertThat;

/** The rectifications page's upload form (issue 19): orders from a file, every bad cell named by row and column. */
@QuarkusTest
class RectificationImportPageTest {

    private static final String FORM = "action=\"/reports/rectifications/import\"";

    private static Response upload(String session, String csrf, String lang, String text) {
        return given().cookie(ReportResource.COOKIE, session).redirects().follow(false)
                .multiPart("file", "orders.csv", text.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("csrf", csrf).multiPart("lang", lang)
                .post("/reports/rectifications/import");
    }

    private static long orders(String region) {
        return RectificationFixture.count("SELECT count(*) FROM rectification r JOIN unit u ON u.id = r.unit_id "
                + "WHERE u.code LIKE ?", region + ".%");
    }

    @Test
    void anAnalystUploadsAFileOfOrdersFromTheListPage() {
        RectificationFixture f = RectificationFixture.of(1);
        String analyst = ReportResourceTest.signedInCookie(f.analyst());
        String list = page(analyst, "/reports/rectifications?lang=en&unit=" + f.region());
        assertThat(list).contains(FORM, "Raise orders from a file", "enctype=\"multipart/form-data\"");

        Response done = upload(analyst, csrf(list), "en", "unit,title,severity\n"
                + f.window(1) + ",叫号机故障 / queue machine broken,major\n"
                + f.window(1) + ",灭火器过期 / extinguisher expired,\n");

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.header("Location")).contains("/reports/rectifications?imported=2&lang=en");
        assertThat(page(analyst, "/reports/rectifications?imported=2&lang=en&unit=" + f.region()))
                .contains("2 orders were raised from the file.", "queue machine broken", "extinguisher expired");
        assertThat(orders(f.region())).isEqualTo(2);
    }

    @Test
    void aBadFileIsRefusedWithEveryBadCellByRowAndColumnInThePagesLanguageAndNothingIsStored() {
        RectificationFixture f = RectificationFixture.of(1);
        String analyst = ReportResourceTest.signedInCookie(f.analyst());
        String csrf = csrf(page(analyst, "/reports/rectifications?lang=zh-CN"));

        Response refused = upload(analyst, csrf, "zh-CN", "unit,title,severity\n"
                + f.region() + ".NOSUCH,标题,\n"
                + f.window(1) + ",标题,urgent\n");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("第 2 行“unit”列", "第 3 行“severity”列", "从文件导入整改通知");
        Response english = upload(analyst, csrf, "en", "unit,colour\n" + f.window(1) + ",red\n");
        assertThat(english.statusCode()).isEqualTo(422);
        assertThat(english.asString()).contains("Row 1, column colour");
        assertThat(orders(f.region())).isZero();
    }

    @Test
    void aManagerSeesNoUploadFormAndMayNotUpload() {
        RectificationFixture f = RectificationFixture.of(1);
        String manager = ReportResourceTest.signedInCookie(f.manager());
        String list = page(manager, "/reports/rectifications?lang=en");
        assertThat(list).doesNotContain(FORM);

        // the manager's token, from the reply form of an order it owns
        long owned = RectificationFixture.raise(f.analyst(), java.util.Map.of("unit", f.window(1), "title", "标题"));
        String token = csrf(page(manager, "/reports/rectifications/" + owned + "?lang=en"));

        Response refused = upload(manager, token, "en", "unit,title\n" + f.window(1) + ",标题\n");
        assertThat(refused.statusCode()).isEqualTo(403);
        // a form from elsewhere (no session token) is refused before the file is looked at
        String analyst = ReportResourceTest.signedInCookie(f.analyst());
        assertThat(upload(analyst, "0".repeat(64), "en", "unit,title\n" + f.window(1) + ",标题\n").statusCode())
                .isEqualTo(403);
        assertThat(orders(f.region())).isEqualTo(1);
    }
}
