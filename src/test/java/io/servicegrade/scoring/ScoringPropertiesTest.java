package io.servicegrade.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.rubric.RubricDocument;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of scoring the postal preset, over generated answers. */
class ScoringPropertiesTest {

    private static final Rubric POSTAL = Presets.postal();
    private static final Scorer SCORER = Scorer.of(POSTAL);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Provide
    Arbitrary<List<Answer>> answers() {
        List<Arbitrary<Answer>> perItem = POSTAL.items().stream().map(ScoringPropertiesTest::answerFor).toList();
        return Combinators.combine(perItem).as(ArrayList::new);
    }

    private static Arbitrary<Answer> answerFor(Rubric.Item item) {
        Answer base = Answer.of(item.key());
        Arbitrary<Answer> answered = switch (item.rule().kind()) {
            case "veto" -> Arbitraries.of(true, false).map(base::withPass);
            case "indicators" -> Combinators.combine(rate(), rate()).as((a, b) -> base.withRates(
                    Map.of("upload-rate", a, "address-match-rate", b)));
            case "shortfall" -> {
                Rule.Shortfall rule = (Rule.Shortfall) item.rule();
                Arbitrary<Answer> rated = rate().map(base::withRate);
                yield rule.zeroingEvents().isEmpty() ? rated : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(9, rated),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(base.withEvents(List.of(rule.zeroingEvents().get(0).key())))));
            }
            default -> deduction(base, (Rule.Deduction) item.rule());
        };
        return item.notApplicable() ? Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, answered), net.jqwik.api.Tuple.of(1, Arbitraries.just(base.notApplicableAnswer())))
                : answered;
    }

    private static Arbitrary<Answer> deduction(Answer base, Rule.Deduction rule) {
        Arbitrary<Integer> violations = Arbitraries.integers().between(0, 6);
        Arbitrary<List<String>> named = rule.named().isEmpty() ? Arbitraries.just(List.of())
                : Arbitraries.of(List.<String>of(), List.of(rule.named().get(0).key()));
        Arbitrary<Boolean> severe = rule.severeTakesAll() ? Arbitraries.of(false, false, false, true)
                : Arbitraries.just(false);
        Arbitrary<List<Answer.Observation>> observations = rule.timing().isEmpty() ? Arbitraries.just(List.of())
                : Combinators.combine(Arbitraries.of(rule.timing()), Arbitraries.integers().between(0, 1200),
                        Arbitraries.integers().between(0, 60_000))
                        .as((limit, seconds, amount) -> new Answer.Observation(limit.key(), BigDecimal.valueOf(seconds),
                                limit.growsWithAmount() ? BigDecimal.valueOf(amount) : null))
                        .list().ofMaxSize(4);
        return Combinators.combine(violations, named, severe, observations).as((v, n, s, o) ->
                base.withViolations(v).withNamed(n).withSevere(s).withObservations(o));
    }

    private static Arbitrary<BigDecimal> rate() {
        return Arbitraries.integers().between(0, 1000).map(n -> BigDecimal.valueOf(n, 1));
    }

    @Property
    void theScoreStaysWithinZeroAndOneHundred(@ForAll("answers") List<Answer> answers) {
        Breakdown b = SCORER.score(answers).breakdown();
        assertThat(b.score()).isBetween(BigDecimal.ZERO, HUNDRED);
        assertThat(b.awarded()).isBetween(BigDecimal.ZERO, b.available());
        assertThat(b.available()).isBetween(BigDecimal.ZERO, POSTAL.total());
    }

    @Property
    void oneMoreViolationNeverRaisesTheScore(@ForAll("answers") List<Answer> answers, @ForAll Random random) {
        List<Integer> deductionItems = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (!answers.get(i).notApplicable() && answers.get(i).violations() != null) {
                deductionItems.add(i);
            }
        }
        int i = deductionItems.get(random.nextInt(deductionItems.size()));
        List<Answer> worse = new ArrayList<>(answers);
        worse.set(i, answers.get(i).withViolations(answers.get(i).violations() + 1));

        assertThat(SCORER.score(worse).breakdown().score()).isLessThanOrEqualTo(SCORER.score(answers).breakdown().score());
    }

    @Property
    void aFailedVetoAlwaysVetoes(@ForAll("answers") List<Answer> answers) {
        List<Answer> failed = answers.stream()
                .map(a -> a.item().equals("signage.identity") ? a.withPass(false) : a).toList();

        Breakdown b = SCORER.score(failed).breakdown();
        assertThat(b.vetoed()).isTrue();
        assertThat(b.vetoedBy()).isEqualTo("signage.identity");
    }

    @Property
    void answerOrderDoesNotMatter(@ForAll("answers") List<Answer> answers, @ForAll Random random) {
        List<Answer> shuffled = new ArrayList<>(answers);
        Collections.shuffle(shuffled, random);

        assertThat(SCORER.score(shuffled).breakdown()).isEqualTo(SCORER.score(answers).breakdown());
    }

    @Property
    void notApplicableItemsAreLeftOutAndTheRestRescaled(@ForAll("answers") List<Answer> answers) {
        Breakdown b = SCORER.score(answers).breakdown();
        BigDecimal applicable = POSTAL.items().stream()
                .filter(item -> answers.stream().noneMatch(a -> a.item().equals(item.key()) && a.notApplicable()))
                .map(Rubric.Item::points).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(b.available()).isEqualByComparingTo(applicable);
        // score = awarded / available × 100, to within the final rounding
        BigDecimal expected = b.awarded().multiply(HUNDRED).divide(b.available(), java.math.MathContext.DECIMAL128);
        assertThat(b.score().subtract(expected).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
    }

    @Property(tries = 50)
    void theJsonAndYamlFormsOfARubricScoreIdentically(@ForAll("answers") List<Answer> answers) throws Exception {
        String json = new ObjectMapper().writeValueAsString(RubricDocument.write(POSTAL));
        JsonNode reread = new ObjectMapper().readTree(json);
        Rubric fromJson = RubricDocument.read(reread).rubric();

        assertThat(fromJson).isEqualTo(POSTAL);
        assertThat(Scorer.of(fromJson).score(answers)).isEqualTo(SCORER.score(answers));
    }
}
