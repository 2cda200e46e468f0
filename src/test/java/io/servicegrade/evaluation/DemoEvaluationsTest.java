package io.servicegrade.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.rubric.AnswerDocument;
import io.servicegrade.rubric.RubricDocument;
import io.servicegrade.scoring.Scorer;
import io.servicegrade.scoring.Scoring;
import io.servicegrade.unit.UnitRepository.WindowLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's evaluations (issue 17, point 10): each window is visited on its own line's standard, every answer is
 * valid for that rubric, and the scores look like a real quarter's (mostly 85–100, a few lower).
 */
class DemoEvaluationsTest {

    /** The demo organisation's windows: 2 urban branches of 3 outlets, 2 rural of 2; first outlet 5 windows, else 4. */
    private static List<WindowLine> demoWindows() {
        String[] lines = {"counter", "savings", "delivery", "counter", "savings"};
        List<WindowLine> windows = new ArrayList<>();
        Map<String, Integer> branches = Map.of("GS", 3, "YQ", 3, "CS", 2, "TC", 2);
        for (String branch : List.of("CS", "GS", "TC", "YQ")) {
            String area = branch.equals("CS") || branch.equals("TC") ? "rural" : "urban";
            for (int o = 0; o < branches.get(branch); o++) {
                for (int w = 0; w < (o == 0 ? 5 : 4); w++) {
                    windows.add(new WindowLine("SZ." + branch + ".O" + o + ".W" + (w + 1), lines[w], area));
                }
            }
        }
        return windows;
    }

    private static Scorer scorer(String key) {
        try (InputStream in = DemoEvaluationsTest.class.getResourceAsStream("/rubrics/" + key + ".yaml")) {
            RubricDocument.Read read = RubricDocument.read(new YAMLMapper().readTree(in));
            assertThat(read.problems()).as(key).isEmpty();
            return Scorer.of(read.rubric());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachLineIsVisitedOnItsOwnStandardWithValidAnswersAndPlausibleScores() {
        List<WindowLine> windows = demoWindows();
        DemoEvaluations.Batches batches = DemoEvaluations.generate(windows, LocalDate.of(2025, 4, 1));
        // eight evaluations a window, as before: 3 inspections, 2 mystery shops, 3 questionnaires
        assertThat(batches.inspections().size() + batches.thirdParty().size()).isEqualTo(8 * windows.size());

        Map<String, String> lineOf = new HashMap<>();
        windows.forEach(w -> lineOf.put(w.code(), w.serviceLine()));
        Map<String, String> rubricOfLine = Map.of("counter", "postal-counter-model-window",
                "savings", "postal-savings-outlet-service", "delivery", "postal-delivery-model-window");
        Map<String, Scorer> scorers = new HashMap<>();
        Map<String, List<BigDecimal>> scores = new TreeMap<>();
        List<JsonNode> all = new ArrayList<>();
        batches.inspections().forEach(all::add);
        batches.thirdParty().forEach(all::add);
        for (JsonNode evaluation : all) {
            String rubric = evaluation.path("rubric").asText();
            String line = lineOf.get(evaluation.path("unit").asText());
            if (evaluation.path("source").asText().equals("survey")) {
                assertThat(rubric).isEqualTo("customer-satisfaction-5");
            } else {
                assertThat(rubric).as(evaluation.path("externalId").asText()).isEqualTo(rubricOfLine.get(line));
            }
            AnswerDocument.Read answers = AnswerDocument.read(evaluation.path("answers"));
            assertThat(answers.problems()).as(evaluation.path("externalId").asText()).isEmpty();
            Scoring scoring = scorers.computeIfAbsent(rubric, DemoEvaluationsTest::scorer).score(answers.answers());
            assertThat(scoring.problems()).as(evaluation.path("externalId").asText()).isEmpty();
            if (!rubric.equals("customer-satisfaction-5")) {
                scores.computeIfAbsent(rubric, k -> new ArrayList<>()).add(scoring.breakdown().score());
            }
        }
        assertThat(scores).containsOnlyKeys(rubricOfLine.values());
        // every line's visits mostly score 85–100, and a few lower
        for (Map.Entry<String, List<BigDecimal>> entry : scores.entrySet()) {
            List<BigDecimal> list = entry.getValue();
            long high = list.stream().filter(s -> s.compareTo(BigDecimal.valueOf(85)) >= 0).count();
            long low = list.size() - high;
            assertThat(high).as(entry.getKey() + " at 85 or more").isGreaterThanOrEqualTo(list.size() * 7L / 10);
            assertThat(low).as(entry.getKey() + " below 85").isPositive();
            assertThat(list).as(entry.getKey()).allMatch(s -> s.compareTo(BigDecimal.valueOf(60)) >= 0);
        }
    }
}
