package io.servicegrade.complaint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.servicegrade.GraphqlCall;
import io.servicegrade.appeal.AppealFixture;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.scheme.SchemeVersionsTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.servicegrade.TestApi.asAdmin;
import static io.servicegrade.complaint.ComplaintsTest.complaint;
import static io.servicegrade.complaint.ComplaintsTest.id;
import static io.servicegrade.complaint.ComplaintsTest.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * The complaint categories (issue 19b): a configured list with zh-CN and en names; a registration naming another
 * key is refused at its pointer, whichever way it comes; every reader sees the names.
 */
@QuarkusTest
class ComplaintCategoriesTest {

    static final String ALL = "attitude, queue-time, handling, fees, facilities, other";

    record Names(String zh, String en) implements ServiceGradeConfig.Complaints.CategoryNames {
    }

    @Test
    void withoutASettingTheCategoriesAreThoseOfTheServiceQualityRulesAndASettingReplacesThem() {
        assertThat(ComplaintCategories.of(Map.of())).isEqualTo(ComplaintCategories.DEFAULTS);
        // any category set: exactly those, by key (the defaults are not mixed in)
        List<ComplaintCategories.Category> set = ComplaintCategories.of(Map.of(
                "parcels", new Names(" 包裹 ", "Parcels"), "fees", new Names("资费", "Postage")));
        assertThat(set).containsExactly(new ComplaintCategories.Category("fees", "资费", "Postage"),
                new ComplaintCategories.Category("parcels", "包裹", "Parcels"));
        ComplaintCategories catalogue = new ComplaintCategories(set);
        assertThat(catalogue.known("fees")).isTrue();
        assertThat(catalogue.known("attitude")).isFalse();
        assertThat(catalogue.keys()).isEqualTo("fees, parcels");
        // a complaint stored under a key since removed still shows: its key in both languages
        assertThat(catalogue.of("attitude")).isEqualTo(new ComplaintCategories.Category("attitude", "attitude",
                "attitude"));

        assertThatThrownBy(() -> ComplaintCategories.of(Map.of("Fees", new Names("收费", "Fees"))))
                .hasMessageContaining("'Fees' is not a key");
        assertThatThrownBy(() -> ComplaintCategories.of(Map.of("fees", new Names(" ", "Fees"))))
                .hasMessageContaining("give both names");
    }

    @Test
    void theCategoriesAreListedWithTheirNamesOverRestAndGraphql() {
        asAdmin().get("/api/v1/complaints/categories").then().statusCode(200)
                .body("key", contains("attitude", "queue-time", "handling", "fees", "facilities", "other"))
                .body("nameZh", contains("服务态度", "等候时间", "业务办理", "收费", "环境设施", "其他"))
                .body("nameEn", contains("Service attitude", "Waiting time", "Business handling", "Fees",
                        "Environment and facilities", "Other"));
        String region = SchemeVersionsTest.region(1);
        String manager = AppealFixture.token(List.of("manager"), List.of(region));
        GraphqlCall.bearer(manager, "{ complaintCategories { key nameZh nameEn } }", Map.of()).then()
                .body("errors", nullValue())
                .body("data.complaintCategories.key", contains("attitude", "queue-time", "handling", "fees",
                        "facilities", "other"))
                .body("data.complaintCategories[3].nameZh", equalTo("收费"));
    }

    @Test
    void aCategoryNotInTheListIsRefusedAtItsPointerNamingTheCategoriesInZhAndEn() {
        String region = SchemeVersionsTest.region(1);
        String unit = region + ".W1";
        Map<String, Object> parcels = complaint(unit, "2025-02-03T10:00:00+08:00", region + "-a", "parcels",
                "hotline");
        asAdmin().contentType(ContentType.JSON).body(parcels).post("/api/v1/complaints").then().statusCode(422)
                .body("errors.pointer", contains("/category"))
                .body("errors[0].message", equalTo("is not a complaint category; the categories are: " + ALL));
        asAdmin().header("Accept-Language", "zh-CN").contentType(ContentType.JSON).body(parcels)
                .post("/api/v1/complaints").then().statusCode(422)
                .body("errors.pointer", contains("/category"))
                .body("errors[0].message", equalTo("不是投诉类别；可用的类别为：" + ALL));
        asAdmin().contentType(ContentType.JSON).body(List.of(
                complaint(unit, "2025-02-03T10:00:00+08:00", region + "-a", "fees", "hotline"), parcels))
                .post("/api/v1/complaints/batch").then().statusCode(422)
                .body("errors.pointer", contains("/1/category"));
        String file = "channel,receivedAt,unit,category,subject,customerRef,firstResponder\n"
                + "hotline,2025-02-03T10:00:00+08:00," + unit + ",fees,多收费用," + region + "-a,李四\n"
                + "hotline,2025-02-04T10:00:00+08:00," + unit + ",parcels,包裹破损," + region + "-b,李四\n";
        asAdmin().contentType("text/csv").body(file).post("/api/v1/complaints/import").then().statusCode(422)
                .body("errors.pointer", contains("/3/category"))
                .body("errors[0].message", containsString(ALL));
        String manager = AppealFixture.token(List.of("manager"), List.of(region));
        GraphqlCall.bearer(manager, ComplaintGraphQLTest.REGISTER, Map.of("input", parcels)).then()
                .body("errors", nullValue())
                .body("data.registerComplaint.complaint", nullValue())
                .body("data.registerComplaint.userErrors.pointer", contains("/category"));
        // nothing was stored by any of them
        asAdmin().queryParam("unit", region).get("/api/v1/complaints").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void theNamesShowInViewsExportsInTheRequestsLanguageAndTheCategoryFilters() {
        String region = SchemeVersionsTest.region(1);
        String unit = region + ".W1";
        long fees = id(register(complaint(unit, "2025-02-03T10:00:00+08:00", region + "-a", "fees", "hotline")));
        long waiting = id(register(complaint(unit, "2025-02-04T10:00:00+08:00", region + "-b", "queue-time",
                "letter")));
        asAdmin().get("/api/v1/complaints/{id}", fees).then().statusCode(200)
                .body("category", equalTo("fees")).body("categoryNameZh", equalTo("收费"))
                .body("categoryNameEn", equalTo("Fees"));
        asAdmin().queryParam("unit", region).queryParam("category", "queue-time").get("/api/v1/complaints").then()
                .statusCode(200).body("id", contains((int) waiting)).body("categoryNameZh", contains("等候时间"));
        asAdmin().queryParam("unit", region).queryParam("category", "parcels").get("/api/v1/complaints").then()
                .statusCode(422).body("errors.pointer", contains("/category"));

        String english = asAdmin().queryParam("unit", region).queryParam("format", "csv")
                .get("/api/v1/complaints/export").then().statusCode(200).extract().asString();
        List<String> lines = english.lines().toList();
        // (the document opens with a byte-order mark, for spreadsheets)
        assertThat(lines.get(0).replace("\uFEFF", ""))
                .startsWith("id,channel,receivedAt,unit,unitName,category,categoryName,subject,");
        // newest received first: the waiting-time complaint, then the fees one
        assertThat(lines.get(1)).startsWith(waiting + ",letter,").contains(",queue-time,Waiting time,");
        assertThat(lines.get(2)).startsWith(fees + ",hotline,").contains(",fees,Fees,");
        String chinese = asAdmin().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").queryParam("unit", region)
                .queryParam("category", "fees").queryParam("format", "csv")
                .get("/api/v1/complaints/export").then().statusCode(200).extract().asString();
        assertThat(chinese.lines().toList()).hasSize(2);
        assertThat(chinese.lines().toList().get(1)).contains(",fees,收费,");

        String manager = AppealFixture.token(List.of("manager"), List.of(region));
        GraphqlCall.bearer(manager, "query($u: String) { complaints(unit: $u, category: \"fees\") "
                + "{ id category categoryNameZh categoryNameEn } }", Map.of("u", region)).then()
                .body("errors", nullValue())
                .body("data.complaints.id", contains(String.valueOf(fees)))
                .body("data.complaints[0].categoryNameZh", equalTo("收费"))
                .body("data.complaints[0].categoryNameEn", equalTo("Fees"));
    }
}
