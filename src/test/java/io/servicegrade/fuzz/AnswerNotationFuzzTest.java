package io.servicegrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.rubric.AnswerDocument;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.Scorer;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact answer notation of import cells ({@code AnswerNotation#read}): the first byte of an input chooses
 * the item (one of each rule kind, and the postal preset's deduction items with named faults and time limits), the
 * rest is the cell's UTF-8 text. A cell reads as an answer or as a problem naming the notation expected; an answer
 * it reads is then read as the answer document it stands for and checked against its item, as scoring an imported
 * row does.
 */
class AnswerNotationFuzzTest {

    private static final Method READ = Entries.method(Entries.type("io.servicegrade.evaluation.AnswerNotation"),
            "read", Rubric.Item.class, String.class);
    private static final List<Rubric.Item> ITEMS = items();

    private static List<Rubric.Item> items() {
        List<Rubric.Item> items = new ArrayList<>(Entries.everyRuleKind().items());
        Rubric postal = Entries.RUBRICS.get("postal-counter-model-window").version().rubric();
        items.add(postal.itemsByKey().get("env.service-officer"));
        items.add(postal.itemsByKey().get("cap.time-limits"));
        items.add(postal.itemsByKey().get("mgmt.security"));
        return List.copyOf(items);
    }

    @FuzzTest(maxDuration = "60s")
    void readCell(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Rubric.Item item = ITEMS.get(Byte.toUnsignedInt(input[0]) % ITEMS.size());
        String cell = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Object reading = Entries.call(READ, null, item, cell);
        ObjectNode answer = (ObjectNode) Entries.component(reading, "answer");
        Message problem = (Message) Entries.component(reading, "problem");
        if ((answer == null) == (problem == null)) {
            throw new AssertionError("a cell must read as an answer or a problem, not " + reading);
        }
        if (problem != null) {
            Verdict.refused(ProblemException.invalid(List.of(Violation.at("/answers/0", problem))));
            return;
        }
        if (!item.key().equals(answer.path("item").asText())) {
            throw new AssertionError("the answer of " + item.key() + " names another item: " + answer);
        }
        AnswerDocument.Read read = AnswerDocument.read(JsonNodeFactory.instance.arrayNode().add(answer));
        Verdict.problems(read.problems());
        if (read.problems().isEmpty()) {
            Verdict.violations(RubricService.violations("/answers/0", Scorer.check(read.answers().get(0), item)));
        }
    }
}
