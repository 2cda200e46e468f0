package io.servicegrade.scheme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.scoring.AnswerProblem;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheme format's grades with conditions and its targets (issue 17, points 2–4): problems by pointer, round trip. */
class GradesTargetsFormatTest {

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    private static final String HEAD = """
            key: format
            name: {zh-CN: 方案, en: Scheme}
            kinds: [window, staff]
            activeFrom: 2023-01-01
            period: quarter
            sources:
              - {source: inspection, rubric: postal-counter-model-window}
              - {source: mystery_shop, rubric: postal-counter-model-window}
              - {source: complaint, rubric: complaint}
            composites:
              - {key: average, name: {zh-CN: 平均分, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
              - {key: weighted, name: {zh-CN: 加权分, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6}}
            rankBy: weighted
            """;

    private static SchemeDocument.Read read(String yaml) throws Exception {
        return SchemeDocument.read(new YAMLMapper().readTree(yaml), LOCAL);
    }

    @Test
    void everyFeatureReadsAndRoundTrips() throws Exception {
        SchemeDocument.Read read = read(HEAD + """
                grades:
                  - key: model
                    name: {zh-CN: 示范窗口, en: Model window}
                    when: {all: [{composite: weighted, min: 90}, {source: complaint, maxSamples: 0}]}
                  - key: compliant
                    name: {zh-CN: 达标窗口, en: Compliant}
                    when: {any: [{all: [{composite: average, min: 85}, {present: all}]},
                                 {source: inspection, min: 95, max: 100}, {present: [inspection]},
                                 {source: mystery_shop, minSamples: 2}]}
                  - {key: fair, name: {zh-CN: 基本达标, en: Fair}, when: {composite: average, min: 80}}
                  - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
                targets:
                  - {level: branch, grade: compliant, urban: 100, rural: 85}
                  - key: stars
                    name: {zh-CN: 示范窗口占比, en: Model share}
                    level: county
                    grade: model
                    exactly: true
                    of: {kinds: [staff], tags: [model-candidate], serviceLines: [savings], areas: [rural]}
                    all: 30
                  - {level: bureau, mean: average, direction: atMost, all: 0.05,
                     steps: [{from: 2023-07-01, all: 0.04}, {from: 2023-12-01, urban: 0.03, rural: 0.035}]}
                """);
        assertThat(read.problems()).isEmpty();
        Scheme scheme = read.scheme();
        // the shorthand and `when: {composite, min}` are one condition: fair is written back as the shorthand
        assertThat(scheme.grades().get(2)).isEqualTo(new Scheme.Grade("fair", scheme.grades().get(2).name(),
                "average", new java.math.BigDecimal("80")));
        assertThat(scheme.targets().get(1).of().tags()).containsExactly("model-candidate");
        assertThat(scheme.targets().get(2).direction()).isEqualTo(Scheme.Direction.AT_MOST);
        assertThat(scheme.targets().get(2).requiredOn(java.time.LocalDate.of(2023, 9, 30)).all())
                .isEqualByComparingTo("0.04");
        assertThat(scheme.targets().get(2).requiredOn(java.time.LocalDate.of(2023, 6, 30)).all())
                .isEqualByComparingTo("0.05");

        ObjectNode written = SchemeDocument.write(scheme);
        assertThat(written.at("/grades/2").has("when")).isFalse();
        assertThat(written.at("/grades/2/composite").asText()).isEqualTo("average");
        assertThat(written.at("/targets/0").toString())
                .isEqualTo("{\"level\":\"branch\",\"grade\":\"compliant\",\"urban\":100,\"rural\":85}");
        SchemeDocument.Read again = SchemeDocument.read(written.deepCopy(), LOCAL);
        assertThat(again.problems()).isEmpty();
        assertThat(again.scheme()).isEqualTo(scheme);
        assertThat(SchemeDocument.write(again.scheme())).isEqualTo(written);
    }

    @Test
    void everyProblemIsReportedAtOnceByPointer() throws Exception {
        SchemeDocument.Read read = read(HEAD + """
                grades:
                  - {key: a, name: {zh-CN: 甲, en: A}, composite: weighted, min: 90, when: {composite: weighted, min: 90}}
                  - {key: b, name: {zh-CN: 乙, en: B}, when: {composite: nowhere, min: 1}}
                  - {key: c, name: {zh-CN: 丙, en: C}, when: {source: survey, min: 1}}
                  - {key: d, name: {zh-CN: 丁, en: D}, when: {all: []}}
                  - {key: e, name: {zh-CN: 戊, en: E}, when: {composite: average, min: 90, max: 80}}
                  - {key: f, name: {zh-CN: 己, en: F}, when: {composite: average, source: inspection, min: 1}}
                  - {key: g, name: {zh-CN: 庚, en: G}, when: {min: 1}}
                  - {key: h, name: {zh-CN: 辛, en: H}, when: {source: inspection, min: 1, maxSamples: 0}}
                  - {key: i, name: {zh-CN: 壬, en: I}, when: {any: [{present: [survey]}, {composite: average}]}}
                  - {key: j, name: {zh-CN: 癸, en: J}, when: {source: complaint, minSamples: 3, maxSamples: 1}}
                  - {key: k, name: {zh-CN: 子, en: K}, when: {source: complaint, minSamples: null}}
                  - {key: z, name: {zh-CN: 末, en: Z}}
                targets:
                  - {level: window, grade: a, urban: 100}
                  - {level: branch, grade: nowhere, mean: average, all: 50}
                  - {level: branch, mean: nowhere, exactly: true, all: 50}
                  - {level: branch, grade: a}
                  - {level: branch, grade: a, all: 120, direction: sideways}
                  - {level: branch, grade: a, all: 50, of: {kinds: [branch], areas: [suburb], tags: []}}
                  - {level: branch, grade: a, all: 50, steps: [{from: 2023-12-01, all: 60}, {from: 2023-07-01}]}
                  - {key: k, level: branch, grade: a, all: 50}
                  - {key: k, level: branch, grade: a, all: 50}
                """);
        assertThat(read.scheme()).isNull();
        assertThat(read.problems()).extracting(AnswerProblem::pointer).contains(
                "/grades/0",                               // both the shorthand and when
                "/grades/1/when/composite",                // an unknown composite
                "/grades/2/when/source",                   // an unknown source
                "/grades/3/when/all",                      // an empty all
                "/grades/4/when/min",                      // min > max
                "/grades/5/when",                          // two kinds of operand
                "/grades/6/when",                          // no operand
                "/grades/7/when",                          // a value and a sample count at once
                "/grades/8/when/any/0/present/0",          // present names an unknown source
                "/grades/8/when/any/1",                    // a comparison without min or max
                "/grades/9/when/minSamples",               // minSamples > maxSamples
                "/grades/10/when",                         // a sample count with no bound
                "/targets/0/level",                        // a graded kind is no group level
                "/targets/1",                              // both grade and mean
                "/targets/1/grade",
                "/targets/2/mean",                         // an unknown composite
                "/targets/2/exactly",                      // exactly on a mean
                "/targets/3",                              // no urban, rural or all
                "/targets/4/all",                          // a share over 100
                "/targets/4/direction",
                "/targets/6/steps/1/from",                 // steps out of date order
                "/targets/6/steps/1",                      // a step requiring nothing
                "/targets/5/of/kinds/0",                   // not a graded kind
                "/targets/5/of/areas/0",
                "/targets/5/of/tags",                      // an empty list
                "/targets/8/key");                         // a key used twice
        assertThat(read.problems()).allSatisfy(p -> assertThat(p.message().en()).isNotBlank());
        assertThat(read.problems()).allSatisfy(p -> assertThat(p.message().zhCN()).isNotBlank());
    }

    @Test
    void theShorthandGradesAndTargetsOfTheDemoReadAsBefore() throws Exception {
        JsonNode demo = new YAMLMapper().readTree(getClass().getResourceAsStream(
                "/schemes/create-satisfied-windows.yaml"));
        SchemeDocument.Read read = SchemeDocument.read(demo, LOCAL);
        assertThat(read.problems()).isEmpty();
        List<Scheme.Grade> grades = read.scheme().grades();
        // each grade but the last is still "its composite at least its min"
        for (Scheme.Grade grade : grades.subList(0, grades.size() - 1)) {
            assertThat(grade.composite()).isNotNull();
            assertThat(grade.min()).isNotNull();
        }
        assertThat(grades.get(grades.size() - 1).when()).isNull();
    }
}
