package io.servicegrade.scoring;

import io.servicegrade.scoring.Breakdown.Deduction;
import io.servicegrade.scoring.Breakdown.ItemScore;
import io.servicegrade.scoring.Breakdown.SectionScore;
import io.servicegrade.scoring.Rule.Indicator;
import io.servicegrade.scoring.Rule.Level;
import io.servicegrade.scoring.Rule.NamedDeduction;
import io.servicegrade.scoring.Rule.TimeLimit;
import io.servicegrade.scoring.Rule.ZeroingEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores answers against one rubric version. Pure and deterministic: exact arithmetic throughout, with no
 * bounded-precision division: what a rating item earns (points × mean / best value, e.g. 3 × 40/3 / 100) is
 * carried as an exact fraction, and the score is rounded once at the end (2 decimals, half up). Build one per
 * rubric version and reuse it; it is immutable and thread-safe.
 */
public final class Scorer {

    static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static final Explanation NOT_APPLICABLE = Explanation.of(Texts.notApplicableNote());
    private static final Explanation VETO_FAILED = Explanation.of(Texts.vetoFailed());

    private final Rubric rubric;
    /** The items in rubric order, and each key's place in it: answers are filed by place, not in a map. */
    private final Rubric.Item[] items;
    private final Map<String, Integer> places;

    private Scorer(Rubric rubric) {
        this.rubric = rubric;
        this.items = rubric.items().toArray(Rubric.Item[]::new);
        this.places = new HashMap<>(items.length * 2);
        for (int i = 0; i < items.length; i++) {
            places.putIfAbsent(items[i].key(), i);
        }
    }

    public static Scorer of(Rubric rubric) {
        return new Scorer(rubric);
    }

    public Rubric rubric() {
        return rubric;
    }

    /** Checks the answers, then scores them; problems are all reported at once, and then nothing is scored. */
    public Scoring score(List<Answer> answers) {
        List<AnswerProblem> problems = null;
        Answer[] byPlace = new Answer[items.length];
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            String at = "/" + i;
            if (answer.item() == null) {
                problems = add(problems, new AnswerProblem(at + "/item", Texts.required()));
                continue;
            }
            Integer place = places.get(answer.item());
            if (place == null) {
                problems = add(problems, new AnswerProblem(at + "/item", Texts.unknownItem(answer.item())));
                continue;
            }
            if (byPlace[place] != null) {
                problems = add(problems, new AnswerProblem(at + "/item", Texts.answeredTwice(answer.item())));
                continue;
            }
            byPlace[place] = answer;
            List<AnswerProblem> found = new ArrayList<>(0);
            check(at, answer, items[place], found);
            if (!found.isEmpty()) {
                problems = add(problems, found);
            }
        }
        for (int place = 0; place < items.length; place++) {
            if (byPlace[place] == null && items[place].defaultAnswer() == null) {
                problems = add(problems, new AnswerProblem("", Texts.notAnswered(items[place].key())));
            }
        }
        if (problems != null) {
            return new Scoring(null, List.copyOf(problems));
        }
        return new Scoring(breakdown(byPlace), List.of());
    }

    private static List<AnswerProblem> add(List<AnswerProblem> problems, AnswerProblem problem) {
        List<AnswerProblem> list = problems == null ? new ArrayList<>() : problems;
        list.add(problem);
        return list;
    }

    private static List<AnswerProblem> add(List<AnswerProblem> problems, List<AnswerProblem> found) {
        List<AnswerProblem> list = problems == null ? new ArrayList<>() : problems;
        list.addAll(found);
        return list;
    }

    /** Checks one answer against its item; used for rubric default answers too. */
    public static List<AnswerProblem> check(Answer answer, Rubric.Item item) {
        List<AnswerProblem> problems = new ArrayList<>();
        check("", answer, item, problems);
        return problems;
    }

    private static void check(String at, Answer a, Rubric.Item item, List<AnswerProblem> problems) {
        Rule rule = item.rule();
        if (a.notApplicable()) {
            if (!item.notApplicable()) {
                problems.add(new AnswerProblem(at + "/notApplicable", Texts.notApplicableForbidden()));
            }
            return;
        }
        boolean deduction = rule instanceof Rule.Deduction;
        unused(at, "violations", a.violations() != null && !deduction, rule, problems);
        unused(at, "named", !a.named().isEmpty() && !deduction, rule, problems);
        unused(at, "severe", a.severe() != null && !deduction, rule, problems);
        unused(at, "observations", !a.observations().isEmpty() && !deduction, rule, problems);
        unused(at, "events", !a.events().isEmpty() && !(deduction || rule instanceof Rule.Shortfall), rule,
                problems);
        unused(at, "pass", a.pass() != null && !(rule instanceof Rule.Veto), rule, problems);
        unused(at, "rates", !a.rates().isEmpty() && !(rule instanceof Rule.Indicators), rule, problems);
        unused(at, "rate", a.rate() != null && !(rule instanceof Rule.Shortfall), rule, problems);
        unused(at, "responses", !a.responses().isEmpty() && !(rule instanceof Rule.Rating), rule, problems);
        unused(at, "count", a.count() != null && !(rule instanceof Rule.Bonus), rule, problems);

        if (rule instanceof Rule.Deduction d) {
            checkDeduction(at, a, d, problems);
        } else if (rule instanceof Rule.Veto) {
            if (a.pass() == null) {
                problems.add(new AnswerProblem(at + "/pass", Texts.required()));
            }
        } else if (rule instanceof Rule.Indicators ind) {
            for (Indicator indicator : ind.indicators()) {
                if (!a.rates().containsKey(indicator.key())) {
                    problems.add(new AnswerProblem(at + "/rates", Texts.missingIndicator(indicator.key())));
                }
            }
            a.rates().forEach((key, value) -> {
                if (ind.indicators().stream().noneMatch(i -> i.key().equals(key))) {
                    problems.add(new AnswerProblem(at + "/rates/" + escape(key), Texts.unknownKey(key)));
                } else if (!isRate(value)) {
                    problems.add(new AnswerProblem(at + "/rates/" + escape(key), Texts.rateRange()));
                }
            });
        } else if (rule instanceof Rule.Shortfall s) {
            checkEvents(at, a, s.zeroingEvents(), problems);
            if (a.rate() == null && a.events().isEmpty()) {
                problems.add(new AnswerProblem(at + "/rate", Texts.required()));
            } else if (a.rate() != null && !isRate(a.rate())) {
                problems.add(new AnswerProblem(at + "/rate", Texts.rateRange()));
            }
        } else if (rule instanceof Rule.Rating r) {
            checkResponses(at, a, r, problems);
        } else if (rule instanceof Rule.Bonus && a.count() != null && a.count() < 0) {
            problems.add(new AnswerProblem(at + "/count", Texts.negative()));
        }
    }

    private static void checkResponses(String at, Answer a, Rule.Rating r, List<AnswerProblem> problems) {
        if (a.responses().isEmpty()) {
            problems.add(new AnswerProblem(at + "/responses", Texts.required()));
            return;
        }
        long total = 0;
        int before = problems.size();
        for (Map.Entry<String, Integer> e : a.responses().entrySet()) {
            if (r.scale().stream().noneMatch(l -> l.key().equals(e.getKey()))) {
                problems.add(new AnswerProblem(at + "/responses/" + escape(e.getKey()), Texts.unknownKey(e.getKey())));
            } else if (e.getValue() == null || e.getValue() < 0) {
                problems.add(new AnswerProblem(at + "/responses/" + escape(e.getKey()), Texts.negative()));
            } else {
                total += e.getValue();
            }
        }
        if (total == 0 && problems.size() == before) {
            problems.add(new AnswerProblem(at + "/responses", Texts.noResponses()));
        }
    }

    private static void checkDeduction(String at, Answer a, Rule.Deduction d, List<AnswerProblem> problems) {
        if (a.violations() != null && a.violations() < 0) {
            problems.add(new AnswerProblem(at + "/violations", Texts.negative()));
        }
        for (int j = 0; j < a.named().size(); j++) {
            String name = a.named().get(j);
            if (d.named().stream().noneMatch(n -> n.key().equals(name))) {
                problems.add(new AnswerProblem(at + "/named/" + j, Texts.unknownKey(name)));
            }
        }
        if (Boolean.TRUE.equals(a.severe()) && !d.severeTakesAll()) {
            problems.add(new AnswerProblem(at + "/severe", Texts.noSevereClause()));
        }
        for (int j = 0; j < a.observations().size(); j++) {
            Answer.Observation o = a.observations().get(j);
            String oat = at + "/observations/" + j;
            TimeLimit limit = limitOf(d, o);
            if (limit == null) {
                problems.add(new AnswerProblem(oat + "/limit", o.limit() == null ? Texts.required()
                        : Texts.unknownKey(o.limit())));
            } else if (limit.growsWithAmount() && o.amount() == null) {
                problems.add(new AnswerProblem(oat + "/amount", Texts.required()));
            }
            if (o.seconds() == null) {
                problems.add(new AnswerProblem(oat + "/seconds", Texts.required()));
            } else if (o.seconds().signum() < 0) {
                problems.add(new AnswerProblem(oat + "/seconds", Texts.negative()));
            }
            if (o.amount() != null && o.amount().signum() < 0) {
                problems.add(new AnswerProblem(oat + "/amount", Texts.negative()));
            }
        }
        checkEvents(at, a, d.zeroingEvents(), problems);
    }

    private static void checkEvents(String at, Answer a, List<ZeroingEvent> events, List<AnswerProblem> problems) {
        for (int j = 0; j < a.events().size(); j++) {
            String event = a.events().get(j);
            if (events.stream().noneMatch(e -> e.key().equals(event))) {
                problems.add(new AnswerProblem(at + "/events/" + j, Texts.unknownKey(event)));
            }
        }
    }

    private static void unused(String at, String field, boolean set, Rule rule, List<AnswerProblem> problems) {
        if (set) {
            problems.add(new AnswerProblem(at + "/" + field, Texts.notUsedBy(rule.kind())));
        }
    }

    /** The limit an observation names; with a single limit the name may be left out. */
    private static TimeLimit limitOf(Rule.Deduction d, Answer.Observation o) {
        if (o.limit() == null) {
            return d.timing().size() == 1 ? d.timing().get(0) : null;
        }
        for (TimeLimit limit : d.timing()) {
            if (limit.key().equals(o.limit())) {
                return limit;
            }
        }
        return null;
    }

    private Breakdown breakdown(Answer[] byPlace) {
        BigDecimal available = BigDecimal.ZERO;
        Fraction earned = Fraction.ZERO;
        BigDecimal bonus = BigDecimal.ZERO;
        String vetoedBy = null;
        List<SectionScore> sections = new ArrayList<>(rubric.sections().size());
        int place = 0;
        for (Rubric.Section section : rubric.sections()) {
            BigDecimal sectionAvailable = BigDecimal.ZERO;
            Fraction sectionEarned = Fraction.ZERO;
            List<ItemScore> scores = new ArrayList<>(section.items().size());
            for (Rubric.Item item : section.items()) {
                Answer answer = byPlace[place++];
                boolean defaulted = answer == null;
                ItemResult result = scoreItem(item, defaulted ? item.defaultAnswer() : answer);
                if (!result.notApplicable) {
                    sectionAvailable = sectionAvailable.add(item.points());
                    sectionEarned = sectionEarned.plus(result.awarded);
                    bonus = bonus.add(result.bonus);
                }
                if (result.vetoed && vetoedBy == null) {
                    vetoedBy = item.key();
                }
                scores.add(new ItemScore(item.key(), item.name(), item.rule().kind(), item.points(),
                        result.notApplicable ? null
                                : result.awarded.plus(Fraction.of(result.bonus)).rounded(SCALE),
                        result.notApplicable, defaulted, result.vetoed, result.satisfactionRate,
                        result.deductions(), result.notes()));
            }
            available = available.add(sectionAvailable);
            earned = earned.plus(sectionEarned);
            sections.add(new SectionScore(section.key(), section.name(), section.points(), sectionAvailable,
                    sectionEarned.rounded(SCALE), Collections.unmodifiableList(scores)));
        }
        Fraction awarded = earned.plus(Fraction.of(bonus)).atMost(available);
        // The exact quotient, rounded once.
        BigDecimal score = available.signum() == 0 ? BigDecimal.ZERO.setScale(SCALE)
                : awarded.times(HUNDRED).over(available).rounded(SCALE);
        return new Breakdown(rubric.key(), rubric.total(), available, awarded.rounded(SCALE), score, vetoedBy != null,
                vetoedBy, Collections.unmodifiableList(sections));
    }

    /** One item's exact result before rounding. */
    private static final class ItemResult {
        Fraction awarded = Fraction.ZERO;
        BigDecimal bonus = BigDecimal.ZERO;
        boolean notApplicable;
        boolean vetoed;
        /** Rounded once, from the exact share. */
        BigDecimal satisfactionRate;
        private List<Deduction> deductions;
        private List<Explanation> notes;

        void deduct(Deduction deduction) {
            if (deductions == null) {
                deductions = new ArrayList<>(2);
            }
            deductions.add(deduction);
        }

        void note(Explanation note) {
            if (notes == null) {
                notes = new ArrayList<>(1);
            }
            notes.add(note);
        }

        List<Deduction> deductions() {
            return deductions == null ? List.of() : Collections.unmodifiableList(deductions);
        }

        List<Explanation> notes() {
            return notes == null ? List.of() : Collections.unmodifiableList(notes);
        }
    }

    private static ItemResult scoreItem(Rubric.Item item, Answer a) {
        ItemResult result = new ItemResult();
        if (a.notApplicable()) {
            result.notApplicable = true;
            result.note(NOT_APPLICABLE);
            return result;
        }
        BigDecimal points = item.points();
        Rule rule = item.rule();
        if (rule instanceof Rule.Deduction d) {
            deduct(points, d, a, result);
        } else if (rule instanceof Rule.Veto) {
            if (!a.pass()) {
                result.vetoed = true;
                result.note(VETO_FAILED);
            }
        } else if (rule instanceof Rule.Indicators ind) {
            BigDecimal total = BigDecimal.ZERO;
            for (Indicator indicator : ind.indicators()) {
                BigDecimal measured = a.rates().get(indicator.key());
                if (indicator.missedBy(measured)) {
                    total = total.add(indicator.deducts());
                    result.deduct(new Deduction("indicator:" + indicator.key(), BigDecimal.ONE,
                            indicator.deducts(), new Explanation(() -> Texts.indicatorMissed(indicator, measured))));
                }
            }
            result.awarded = Fraction.of(floorAtZero(points, total, result));
        } else if (rule instanceof Rule.Shortfall s) {
            shortfall(points, s, a, result);
        } else if (rule instanceof Rule.Rating r) {
            rate(points, r, a, result);
        } else if (rule instanceof Rule.Bonus b) {
            int count = a.count() == null ? 0 : a.count();
            BigDecimal earned = b.perUnit().multiply(BigDecimal.valueOf(count)).min(b.cap());
            result.bonus = earned;
            if (count > 0) {
                result.note(new Explanation(() -> Texts.bonus(count, b, earned)));
            }
        }
        return result;
    }

    private static void deduct(BigDecimal points, Rule.Deduction d, Answer a, ItemResult result) {
        if (zeroed(points, d.zeroingEvents(), a, result)) {
            return;
        }
        if (Boolean.TRUE.equals(a.severe())) {
            result.deduct(new Deduction("severe", BigDecimal.ONE, points, new Explanation(() -> Texts.severe(points))));
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        int violations = a.violations() == null ? 0 : a.violations();
        if (violations > 0) {
            BigDecimal count = BigDecimal.valueOf(violations);
            BigDecimal deduction = count.multiply(d.perViolation());
            total = total.add(deduction);
            result.deduct(new Deduction("violations", count, deduction,
                    new Explanation(() -> Texts.violations(violations, d.perViolation(), deduction))));
        }
        for (String name : a.named()) {
            NamedDeduction named = d.named().stream().filter(n -> n.key().equals(name)).findFirst().orElseThrow();
            total = total.add(named.points());
            result.deduct(new Deduction("named:" + name, BigDecimal.ONE, named.points(),
                    new Explanation(() -> Texts.named(named))));
        }
        for (Answer.Observation o : a.observations()) {
            TimeLimit limit = limitOf(d, o);
            BigDecimal allowed = limit.limitFor(o.amount());
            if (o.seconds().compareTo(allowed) > 0) {
                total = total.add(d.perViolation());
                result.deduct(new Deduction("timing:" + limit.key(), BigDecimal.ONE, d.perViolation(),
                        new Explanation(() -> Texts.overLimit(limit, o, allowed, d.perViolation()))));
            }
        }
        result.awarded = Fraction.of(floorAtZero(points, total, result));
    }

    private static void shortfall(BigDecimal points, Rule.Shortfall s, Answer a, ItemResult result) {
        if (zeroed(points, s.zeroingEvents(), a, result)) {
            return;
        }
        BigDecimal gap = s.gap(a.rate());
        BigDecimal deduction = BigDecimal.ZERO;
        if (gap.signum() > 0) {
            BigDecimal counted = s.proportional() ? gap : gap.setScale(0, RoundingMode.DOWN);
            BigDecimal lost = counted.multiply(s.perPercentagePoint());
            if (lost.signum() > 0) {
                result.deduct(new Deduction("shortfall", counted, lost,
                        new Explanation(() -> Texts.shortfall(s, a.rate(), gap, counted, lost))));
            }
            deduction = lost;
        }
        result.awarded = Fraction.of(floorAtZero(points, deduction, result));
    }

    private static boolean zeroed(BigDecimal points, List<ZeroingEvent> events, Answer a, ItemResult result) {
        for (String key : a.events()) {
            ZeroingEvent event = events.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
            result.deduct(new Deduction("event:" + key, BigDecimal.ONE, points, new Explanation(() -> Texts.event(event, points))));
            result.awarded = Fraction.ZERO;
            return true;
        }
        return false;
    }

    private static void rate(BigDecimal points, Rule.Rating r, Answer a, ItemResult result) {
        long answers = 0;
        long satisfied = 0;
        BigDecimal sum = BigDecimal.ZERO;
        boolean atOrAbove = true;
        for (Level level : r.scale()) {
            int count = a.responses().getOrDefault(level.key(), 0);
            answers += count;
            sum = sum.add(level.value().multiply(BigDecimal.valueOf(count)));
            if (atOrAbove) {
                satisfied += count;
            }
            if (level.key().equals(r.satisfiedAtOrAbove())) {
                atOrAbove = false;
            }
        }
        BigDecimal count = BigDecimal.valueOf(answers);
        BigDecimal max = r.maxValue();
        // points × (sum / answers) / max, kept as one fraction: no division before the final rounding
        result.awarded = max.signum() == 0 ? Fraction.ZERO : new Fraction(points.multiply(sum), count.multiply(max));
        BigDecimal satisfaction = BigDecimal.valueOf(satisfied).multiply(HUNDRED)
                .divide(count, SCALE, RoundingMode.HALF_UP);
        result.satisfactionRate = satisfaction;
        // Shown rounded (2 decimals, half up), each from its exact value.
        BigDecimal mean = sum.divide(count, SCALE, RoundingMode.HALF_UP);
        BigDecimal awarded = result.awarded.rounded(SCALE);
        long n = answers;
        result.note(new Explanation(() -> Texts.rating(n, mean, max, awarded, points, satisfaction)));
    }

    private static BigDecimal floorAtZero(BigDecimal points, BigDecimal deducted, ItemResult result) {
        BigDecimal left = points.subtract(deducted);
        if (left.signum() < 0) {
            result.note(new Explanation(() -> Texts.flooredAtZero(points, deducted)));
            return BigDecimal.ZERO;
        }
        return left;
    }

    private static boolean isRate(BigDecimal value) {
        return value != null && value.signum() >= 0 && value.compareTo(HUNDRED) <= 0;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
