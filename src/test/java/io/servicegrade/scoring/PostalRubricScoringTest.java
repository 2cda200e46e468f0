package io.servicegrade.scoring;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.servicegrade.scoring.Answer.of;
import static org.assertj.core.api.Assertions.assertThat;

/** Hand-worked scorings of the postal counter preset; together they exercise every rule in it. */
class PostalRubricScoringTest {

    private final Scorer postal = Scorer.of(Presets.postal());

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Answer.Observation obs(String limit, String seconds, String amount) {
        return new Answer.Observation(limit, d(seconds), amount == null ? null : d(amount));
    }

    /** Every item answered with no finding, except those the caller replaces. */
    private static List<Answer> clean(Answer... replacements) {
        List<Answer> answers = new ArrayList<>();
        for (Rubric.Item item : Presets.postal().items()) {
            Answer answer = switch (item.rule().kind()) {
                case "veto" -> of(item.key()).withPass(true);
                case "indicators" -> of(item.key()).withRates(Map.of("upload-rate", d("100"), "address-match-rate",
                        d("100")));
                case "shortfall" -> of(item.key()).withRate(d("100"));
                default -> of(item.key()).withViolations(0);
            };
            for (Answer replacement : replacements) {
                if (replacement.item().equals(item.key())) {
                    answer = replacement;
                }
            }
            answers.add(answer);
        }
        return answers;
    }

    private ItemScoreView item(Breakdown breakdown, String key) {
        return breakdown.sections().stream().flatMap(s -> s.items().stream()).filter(i -> i.key().equals(key))
                .map(ItemScoreView::new).findFirst().orElseThrow();
    }

    private record ItemScoreView(Breakdown.ItemScore score) {
        BigDecimal awarded() {
            return score.awarded();
        }
    }

    @Test
    void aWindowWithNoFindingsScoresOneHundred() {
        Scoring scoring = postal.score(clean());

        assertThat(scoring.problems()).isEmpty();
        assertThat(scoring.breakdown().score()).isEqualByComparingTo("100");
        assertThat(scoring.breakdown().available()).isEqualByComparingTo("100");
        assertThat(scoring.breakdown().vetoed()).isFalse();
    }

    @Test
    void everyDeductionRuleWorkedByHand() {
        Scoring scoring = postal.score(clean(
                of("org.setup").withViolations(1),                       // 2 − 1×1            = 1
                of("org.reporting").withViolations(1),                   // 3 − 1×1.5          = 1.5
                of("env.service-officer").withViolations(1)              // 3 − 1 − 2 (absent) = 0
                        .withNamed(List.of("absent")),
                of("env.lobby").withViolations(5),                       // 4 − 5 → floored    = 0
                of("fac.public-info").withViolations(3),                 // 3 − 3×0.5          = 1.5
                of("fac.convenience").withViolations(1),                 // 2 − 0.5            = 1.5
                of("eti.attitude").withViolations(1),                    // 4 − 1              = 3
                of("eti.protocol").withObservations(List.of(             // waited 960 s > 900: 5 − 1 = 4
                        obs(null, "960", null), obs("waiting", "600", null))),
                of("mgmt.security").withViolations(1),                   // 4 − 2              = 2
                of("cap.time-limits").withObservations(List.of(
                        obs("mail-acceptance", "130", null),             // 130 > 120: −1
                        obs("remittance", "350", "25000"),               // limit 300 + 1×60 = 360: ok
                        obs("remittance", "430", "30000"),               // limit 300 + 2×60 = 420: −1
                        obs("remittance", "290", "9000"))),              // limit 300: ok   → 10 − 2 = 8
                of("cap.it-indicators").withRates(Map.of(                // 97.5 < 98: −2.5; 92 ≥ 90 → 2.5
                        "upload-rate", d("97.5"), "address-match-rate", d("92"))),
                of("out.revenue").withRate(d("96.5")),                   // (100 − 96.5) × 1 = 3.5 → 1.5
                of("out.overall").withRate(d("83.2"))));                 // (85 − 83.2) × 1 = 1.8 → 8.2

        Breakdown b = scoring.breakdown();
        assertThat(scoring.problems()).isEmpty();
        assertThat(item(b, "org.setup").awarded()).isEqualByComparingTo("1");
        assertThat(item(b, "org.reporting").awarded()).isEqualByComparingTo("1.5");
        assertThat(item(b, "env.service-officer").awarded()).isEqualByComparingTo("0");
        assertThat(item(b, "env.lobby").awarded()).isEqualByComparingTo("0");
        assertThat(item(b, "fac.public-info").awarded()).isEqualByComparingTo("1.5");
        assertThat(item(b, "eti.protocol").awarded()).isEqualByComparingTo("4");
        assertThat(item(b, "mgmt.security").awarded()).isEqualByComparingTo("2");
        assertThat(item(b, "cap.time-limits").awarded()).isEqualByComparingTo("8");
        assertThat(item(b, "cap.it-indicators").awarded()).isEqualByComparingTo("2.5");
        assertThat(item(b, "out.revenue").awarded()).isEqualByComparingTo("1.5");
        assertThat(item(b, "out.overall").awarded()).isEqualByComparingTo("8.2");
        // Sections: 2.5 + 0 + 3 + 8 + 18 + 10 + 13 + 10.5 + 9.7 = 74.7
        assertThat(b.sections()).extracting(Breakdown.SectionScore::awarded).map(BigDecimal::toPlainString)
                .containsExactly("2.50", "0.00", "3.00", "8.00", "18.00", "10.00", "13.00", "10.50", "9.70");
        assertThat(b.awarded()).isEqualByComparingTo("74.7");
        assertThat(b.score()).isEqualTo(d("74.70"));
        assertThat(b.vetoed()).isFalse();
    }

    @Test
    void deductionsAreExplainedWithTheirCauseInBothLanguages() {
        Breakdown b = postal.score(clean(of("cap.time-limits").withObservations(List.of(
                obs("remittance", "430", "30000"))))).breakdown();

        Breakdown.Deduction deduction = item(b, "cap.time-limits").score().deductions().get(0);
        assertThat(deduction.cause()).isEqualTo("timing:remittance");
        assertThat(deduction.points()).isEqualByComparingTo("1");
        assertThat(deduction.text().en()).isEqualTo("Remittance (amount 30000) took 430 s, over its 420 s limit: −1 points");
        assertThat(deduction.text().zhCN()).isEqualTo("收兑汇款（金额 30000 元）用时 430 秒，超过时限 420 秒：扣 1 分");
    }

    @Test
    void aSevereFindingAMediaExposureAVetoAndNotApplicableItems() {
        Scoring scoring = postal.score(clean(
                of("signage.identity").withPass(false),                  // vetoes, worth no points
                of("mgmt.security").withSevere(true),                    // takes all 4
                of("out.overall").withEvents(List.of("media-exposure")), // takes all 10
                of("org.setup").notApplicableAnswer(),                   // −2 available
                of("org.reporting").notApplicableAnswer(),               // −3 available
                of("cap.it-indicators").notApplicableAnswer(),           // −5 available
                of("out.revenue").notApplicableAnswer()));               // −5 available

        Breakdown b = scoring.breakdown();
        // available 100 − 15 = 85; awarded 85 − 4 − 10 = 71; score 71 / 85 × 100 = 83.5294… → 83.53
        assertThat(b.available()).isEqualByComparingTo("85");
        assertThat(b.awarded()).isEqualByComparingTo("71");
        assertThat(b.score()).isEqualTo(d("83.53"));
        assertThat(b.vetoed()).isTrue();
        assertThat(b.vetoedBy()).isEqualTo("signage.identity");
        assertThat(item(b, "mgmt.security").score().deductions()).extracting(Breakdown.Deduction::cause)
                .containsExactly("severe");
        assertThat(item(b, "out.overall").score().deductions()).extracting(Breakdown.Deduction::cause)
                .containsExactly("event:media-exposure");
        assertThat(item(b, "org.setup").score().notApplicable()).isTrue();
    }

    @Test
    void everyProblemWithTheAnswersIsReportedAtOnce() {
        List<Answer> answers = new ArrayList<>(clean(
                of("env.lobby").withViolations(-1),
                of("signage.identity").notApplicableAnswer(),
                of("out.overall").withRate(d("101")),
                of("eti.appearance").withPass(true),
                of("cap.time-limits").withObservations(List.of(obs("teleport", "5", null),
                        obs("remittance", "100", null)))));
        answers.removeIf(a -> a.item().equals("qual.discipline"));
        answers.add(of("no.such.item").withViolations(1));
        answers.add(of("env.layout").withViolations(0));

        Scoring scoring = postal.score(answers);

        assertThat(scoring.breakdown()).isNull();
        int lobby = indexOf(answers, "env.lobby");
        int sign = indexOf(answers, "signage.identity");
        int overall = indexOf(answers, "out.overall");
        int appearance = indexOf(answers, "eti.appearance");
        int timing = indexOf(answers, "cap.time-limits");
        assertThat(scoring.problems()).extracting(AnswerProblem::pointer).containsExactlyInAnyOrder(
                "/" + lobby + "/violations",
                "/" + sign + "/notApplicable",
                "/" + overall + "/rate",
                "/" + appearance + "/pass",
                "/" + timing + "/observations/0/limit",
                "/" + timing + "/observations/1/amount",
                "/" + (answers.size() - 2) + "/item",
                "/" + (answers.size() - 1) + "/item",
                "");
        assertThat(scoring.problems()).filteredOn(p -> p.pointer().isEmpty()).first()
                .extracting(p -> p.message().en())
                .isEqualTo("item 'qual.discipline' is neither answered nor marked not applicable");
    }

    private static int indexOf(List<Answer> answers, String item) {
        for (int i = 0; i < answers.size(); i++) {
            if (item.equals(answers.get(i).item())) {
                return i;
            }
        }
        throw new AssertionError(item);
    }
}
