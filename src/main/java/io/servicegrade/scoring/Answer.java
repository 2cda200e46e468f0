package io.servicegrade.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What an evaluator found for one item. Only the fields the item's rule uses may be set:
 * deduction ({@code violations}, {@code named}, {@code severe}, {@code observations}, {@code events}),
 * veto ({@code pass}), indicators ({@code rates}), shortfall ({@code rate}, {@code events}),
 * rating ({@code responses}), bonus ({@code count}); any item may be {@code notApplicable}.
 * Absent fields are null (or empty).
 */
public record Answer(String item, boolean notApplicable, Integer violations, List<String> named, Boolean severe,
        List<Observation> observations, List<String> events, Boolean pass, Map<String, BigDecimal> rates,
        BigDecimal rate, Map<String, Integer> responses, Integer count) {

    public Answer {
        named = named == null ? List.of() : List.copyOf(named);
        observations = observations == null ? List.of() : List.copyOf(observations);
        events = events == null ? List.of() : List.copyOf(events);
        rates = rates == null ? Map.of() : Map.copyOf(rates);
        responses = responses == null ? Map.of() : Map.copyOf(responses);
    }

    /** One timed transaction: which limit applies, how long it took, and its amount where the limit needs one. */
    public record Observation(String limit, BigDecimal seconds, BigDecimal amount) {
    }

    /** An answer with only the item set: the start of a builder-like chain in tests and presets. */
    public static Answer of(String item) {
        return new Answer(item, false, null, null, null, null, null, null, null, null, null, null);
    }

    public Answer withItem(String key) {
        return new Answer(key, notApplicable, violations, named, severe, observations, events, pass, rates, rate,
                responses, count);
    }

    public Answer notApplicableAnswer() {
        return new Answer(item, true, violations, named, severe, observations, events, pass, rates, rate, responses,
                count);
    }

    public Answer withViolations(int n) {
        return new Answer(item, notApplicable, n, named, severe, observations, events, pass, rates, rate, responses,
                count);
    }

    public Answer withNamed(List<String> names) {
        return new Answer(item, notApplicable, violations, names, severe, observations, events, pass, rates, rate,
                responses, count);
    }

    public Answer withSevere(boolean value) {
        return new Answer(item, notApplicable, violations, named, value, observations, events, pass, rates, rate,
                responses, count);
    }

    public Answer withObservations(List<Observation> list) {
        return new Answer(item, notApplicable, violations, named, severe, list, events, pass, rates, rate, responses,
                count);
    }

    public Answer withEvents(List<String> list) {
        return new Answer(item, notApplicable, violations, named, severe, observations, list, pass, rates, rate,
                responses, count);
    }

    public Answer withPass(boolean value) {
        return new Answer(item, notApplicable, violations, named, severe, observations, events, value, rates, rate,
                responses, count);
    }

    public Answer withRates(Map<String, BigDecimal> map) {
        return new Answer(item, notApplicable, violations, named, severe, observations, events, pass, map, rate,
                responses, count);
    }

    public Answer withRate(BigDecimal value) {
        return new Answer(item, notApplicable, violations, named, severe, observations, events, pass, rates, value,
                responses, count);
    }

    public Answer withResponses(Map<String, Integer> map) {
        return new Answer(item, notApplicable, violations, named, severe, observations, events, pass, rates, rate, map,
                count);
    }

    public Answer withCount(int n) {
        return new Answer(item, notApplicable, violations, named, severe, observations, events, pass, rates, rate,
                responses, n);
    }
}
