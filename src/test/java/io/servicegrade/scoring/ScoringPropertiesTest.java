package io.servicegrade.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.rubric.RubricDocument;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

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

    /**
     * A random rubric is written as JSON text and as YAML text by the generator itself (never through
     * RubricDocument.write), and each text is read the way the server reads it: JSON with the API's ObjectMapper
     * settings, YAML with the rubric resource's own YAMLMapper. Both must read as the rubric generated, hence
     * score any answers identically; a YAML reading bug (a decimal read as a double, a quoted key read as a
     * boolean, a flow mapping misread) makes the YAML side differ.
     */
    @Property(tries = 200)
    void theJsonAndYamlFormsOfARubricScoreIdentically(@ForAll Random random) throws Exception {
        GeneratedRubric generated = GeneratedRubric.of(random);
        String yaml = generated.yaml();

        RubricDocument.Read fromJson = RubricDocument.read(API_JSON.readTree(generated.json()));
        RubricDocument.Read fromYaml = RubricDocument.read(serverYaml().readTree(yaml));

        assertThat(fromJson.problems()).as(generated.json()).isEmpty();
        assertThat(fromYaml.problems()).as(yaml).isEmpty();
        assertThat(fromJson.rubric()).as(generated.json()).isEqualTo(generated.rubric);
        assertThat(fromYaml.rubric()).as(yaml).isEqualTo(generated.rubric);
        List<Answer> answers = generated.answers();
        Scoring scoring = Scorer.of(generated.rubric).score(answers);
        assertThat(scoring.problems()).isEmpty();
        assertThat(Scorer.of(fromYaml.rubric()).score(answers)).isEqualTo(Scorer.of(fromJson.rubric()).score(answers))
                .isEqualTo(scoring);
    }

    @Example
    void theGeneratedYamlHasTheFormsAYamlReaderMustGetRight() throws Exception {
        // The property above is only as good as its generator: over many rubrics, the YAML must contain numbers
        // with trailing zeros, quoted keys YAML 1.1 would read as booleans, nulls or numbers, and flow mappings.
        StringBuilder all = new StringBuilder();
        Random random = new Random(12);
        for (int i = 0; i < 50; i++) {
            all.append(GeneratedRubric.of(random).yaml());
        }
        assertThat(all).contains("key: \"no\"", "key: \"null\"", "key: \"1.5\"", "0\n", "{zh-CN: ", "- key: ",
                "\"a: b", "'s", "lowerIsBetter: true", "lowerIsBetter: false", "strict: true");
        assertThat(java.util.regex.Pattern.compile("\\d\\.\\d*0[,}\\n]").matcher(all).find())
                .as("a decimal written with a trailing zero").isTrue();
    }

    private static final ObjectMapper API_JSON = new ObjectMapper();

    static {
        new io.servicegrade.platform.json.JsonSettings().customize(API_JSON);
    }

    /** The YAMLMapper the rubric resource reads PUT bodies and presets with. */
    private static com.fasterxml.jackson.dataformat.yaml.YAMLMapper serverYaml() throws ReflectiveOperationException {
        java.lang.reflect.Field field = io.servicegrade.rubric.RubricResource.class.getDeclaredField("YAML");
        field.setAccessible(true);
        return (com.fasterxml.jackson.dataformat.yaml.YAMLMapper) field.get(null);
    }
}
