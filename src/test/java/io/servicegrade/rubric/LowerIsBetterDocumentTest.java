package io.servicegrade.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.scoring.AnswerProblem;
import io.servicegrade.scoring.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, point 4: the rubric format reads {@code lowerIsBetter} (indicators and shortfalls) and {@code strict}
 * (indicators), writes them back, and reports a bad one by pointer with every other problem (docs/rubrics.md).
 */
class LowerIsBetterDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Seed 001's 京东 and 嘉丽购 targets: a complaint rate below 0.5‰ (0.05 %), refusals at most 12 %. */
    private static final String RUBRIC = """
            key: parcels
            name: {zh-CN: 重点商务邮件, en: Key business mail}
            total: 20
            sections:
              - key: s
                name: {zh-CN: 考核指标, en: Indicators}
                points: 20
                items:
                  - key: jd
                    name: {zh-CN: 京东邮件, en: JD mail}
                    points: 10
                    rule:
                      kind: indicators
                      indicators:
                        - {key: delivery-success, name: {zh-CN: 配送成功率, en: Delivery success}, target: 97.5, deducts: 5}
                        - {key: complaint-rate, name: {zh-CN: 投诉率, en: Complaint rate}, target: 0.05, deducts: 5,
                           lowerIsBetter: true, strict: true}
                  - key: refusals
                    name: {zh-CN: 邮件拒收率, en: Refusal rate}
                    points: 10
                    rule: {kind: shortfall, target: 12, perPercentagePoint: 1, proportional: true, lowerIsBetter: true}
            """;

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }

    @Test
    void theFlagsAreReadAndWrittenBackAndLeftOutWhenNotSet() throws Exception {
        RubricDocument.Read read = RubricDocument.read(yaml(RUBRIC));
        assertThat(read.problems()).isEmpty();
        Rule.Indicators jd = (Rule.Indicators) read.rubric().itemsByKey().get("jd").rule();
        assertThat(jd.indicators()).extracting(Rule.Indicator::lowerIsBetter, Rule.Indicator::strict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, false),
                        org.assertj.core.groups.Tuple.tuple(true, true));
        assertThat(((Rule.Shortfall) read.rubric().itemsByKey().get("refusals").rule()).lowerIsBetter()).isTrue();

        JsonNode written = RubricDocument.write(read.rubric());
        JsonNode items = written.at("/sections/0/items");
        assertThat(items.at("/0/rule/indicators/1/lowerIsBetter").asBoolean()).isTrue();
        assertThat(items.at("/0/rule/indicators/1/strict").asBoolean()).isTrue();
        // an indicator without the flags is written as before (a stored rubric keeps its content)
        assertThat(items.at("/0/rule/indicators/0").has("lowerIsBetter")).isFalse();
        assertThat(items.at("/0/rule/indicators/0").has("strict")).isFalse();
        assertThat(items.at("/1/rule/lowerIsBetter").asBoolean()).isTrue();
        // and the written form reads back to the same rubric
        assertThat(RubricDocument.read(JSON.readTree(JSON.writeValueAsString(written))).rubric())
                .isEqualTo(read.rubric());
    }

    @Test
    void aLowerIsBetterThatIsNotABooleanIsReportedByPointerWithEveryOtherProblem() throws Exception {
        String bad = RUBRIC.replace("lowerIsBetter: true, strict: true", "lowerIsBetter: \"yes\", strict: 1")
                .replace("proportional: true, lowerIsBetter: true", "proportional: true, lowerIsBetter: [true]");
        RubricDocument.Read read = RubricDocument.read(yaml(bad));
        assertThat(read.rubric()).isNull();
        assertThat(read.problems()).extracting(AnswerProblem::pointer).containsExactlyInAnyOrder(
                "/sections/0/items/0/rule/indicators/1/lowerIsBetter",
                "/sections/0/items/0/rule/indicators/1/strict",
                "/sections/0/items/1/rule/lowerIsBetter");
        assertThat(read.problems()).extracting(p -> p.message().en()).containsOnly("must be true or false");
    }

    @Test
    void strictIsAnIndicatorsFieldOnly() throws Exception {
        // At a shortfall's target the gap is 0 and nothing is deducted, strict or not: the field is refused there
        String bad = RUBRIC.replace("proportional: true, lowerIsBetter: true",
                "proportional: true, lowerIsBetter: true, strict: true");
        RubricDocument.Read read = RubricDocument.read(yaml(bad));
        assertThat(read.problems()).extracting(AnswerProblem::pointer)
                .containsExactly("/sections/0/items/1/rule/strict");
    }
}
