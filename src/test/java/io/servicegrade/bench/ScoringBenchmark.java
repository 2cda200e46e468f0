package io.servicegrade.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.rubric.RubricDocument;
import io.servicegrade.scoring.Answer;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.Scorer;
import io.servicegrade.scoring.Scoring;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Scorings per second of the postal counter preset, on one thread, over a fixed set of varied answer sheets
 * (findings, timings, rates, N/A items). Run by bench/scoring.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBenchmark {

    private Scorer scorer;
    private List<List<Answer>> sheets;
    private int next;

    @Setup
    public void setUp() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/rubrics/postal-counter-model-window.yaml")) {
            Rubric rubric = RubricDocument.read(new YAMLMapper().readTree(in)).rubric();
            scorer = Scorer.of(rubric);
            Random random = new Random(42);
            sheets = new ArrayList<>();
            for (int s = 0; s < 1024; s++) {
                sheets.add(sheet(rubric, random));
            }
        }
    }

    private static List<Answer> sheet(Rubric rubric, Random random) {
        List<Answer> answers = new ArrayList<>();
        for (Rubric.Item item : rubric.items()) {
            Answer a = Answer.of(item.key());
            answers.add(switch (item.rule().kind()) {
                case "veto" -> a.withPass(random.nextInt(20) > 0);
                case "indicators" -> a.withRates(Map.of("upload-rate", BigDecimal.valueOf(900 + random.nextInt(100), 1),
                        "address-match-rate", BigDecimal.valueOf(850 + random.nextInt(150), 1)));
                case "shortfall" -> a.withRate(BigDecimal.valueOf(800 + random.nextInt(200), 1));
                default -> item.key().equals("cap.time-limits")
                        ? a.withViolations(0).withObservations(List.of(
                                new Answer.Observation("mail-acceptance", BigDecimal.valueOf(60 + random.nextInt(120)), null),
                                new Answer.Observation("remittance", BigDecimal.valueOf(200 + random.nextInt(300)),
                                        BigDecimal.valueOf(random.nextInt(40_000)))))
                        : a.withViolations(random.nextInt(3));
            });
        }
        return answers;
    }

    @Benchmark
    public Scoring scorePostalSheet() {
        List<Answer> sheet = sheets.get(next++ & 1023);
        return scorer.score(sheet);
    }
}
