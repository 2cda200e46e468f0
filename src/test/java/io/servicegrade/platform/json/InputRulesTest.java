package io.servicegrade.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text and number rules every edge shares, as plain code. */
class InputRulesTest {

    /** Low: NUL byte in text inputs: every C0 control is refused in a line; a multi-line text keeps tab, LF, CR. */
    @Test
    void aLineTakesNoControlCharacterAndAMultiLineTextOnlyTabAndLineBreaks() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(InputRules.firstBadCharacter("ab" + c, InputRules.Text.LINE)).as("U+%04X", (int) c)
                    .isEqualTo(2);
            boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
            assertThat(InputRules.firstBadCharacter("ab" + c, InputRules.Text.MULTILINE)).as("U+%04X", (int) c)
                    .isEqualTo(lineBreakOrTab ? -1 : 2);
        }
        assertThat(InputRules.textProblem("窗口 1 — ok ✓ \uD83D\uDE00", InputRules.Text.LINE)).isNull();
    }

    /** Low: unpaired surrogates became '?': half a pair is refused, a whole pair is a character. */
    @Test
    void halfASurrogatePairIsRefusedAndAWholePairIsNot() {
        assertThat(InputRules.hasLoneSurrogate("a\uD800")).isTrue();
        assertThat(InputRules.hasLoneSurrogate("\uDE00a")).isTrue();
        assertThat(InputRules.hasLoneSurrogate("\uDE00\uD83D")).isTrue();
        assertThat(InputRules.hasLoneSurrogate("\uD83D\uDE00")).isFalse();
    }

    /** Low: timing seconds accepted 1e309: numbers are bounded from their digits and exponent alone. */
    @Test
    void numbersAreFiniteWithFifteenIntegerDigitsAndFortyDecimalsAtMost() {
        assertThat(InputRules.withinBounds(new BigDecimal("999999999999999.5"))).isTrue();
        assertThat(InputRules.withinBounds(new BigDecimal("1e15"))).isFalse();
        assertThat(InputRules.withinBounds(new BigDecimal("1e309"))).isFalse();
        assertThat(InputRules.withinBounds(new BigDecimal("1e1000000000"))).isFalse();
        assertThat(InputRules.withinBounds(new BigDecimal("1e-40"))).isTrue();
        assertThat(InputRules.withinBounds(new BigDecimal("1e-41"))).isFalse();
        assertThat(InputRules.withinBounds(new BigDecimal("0e-1000000000"))).isFalse();
        assertThat(InputRules.withinBounds(new BigDecimal("-12.75"))).isTrue();
        assertThat(InputRules.numberProblem(Double.POSITIVE_INFINITY)).isNotNull();
        assertThat(InputRules.numberProblem(Double.NaN)).isNotNull();
        assertThat(InputRules.numberProblem(0.5)).isNull();
    }

    /** Low: a parsed tree is checked whole: a text's pointer, a field name, a number; half a pair is 400. */
    @Test
    void aTreeIsCheckedWithThePointerOfEachBadPlace() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> RequestBodies.check(json.readTree(
                "{\"a\": [\"ok\", \"x\\u0000\"], \"b\\u0001\": 1, \"c\": {\"d\": 1e400}}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.violations()).extracting(v -> v.pointer()).containsExactly("/a/1", "/b\u0001",
                            "/c/d");
                });
        assertThatThrownBy(() -> RequestBodies.check(json.readTree("{\"a\": \"\\ud800\"}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.violations()).extracting(v -> v.pointer()).containsExactly("/a");
                });
        RequestBodies.check(json.readTree("{\"comment\": \"line one\\n\\tline two\", \"n\": 12.5}"));
        // deep places, names escaped (RFC 6901); an int is within the bounds, a 19-digit number is not
        assertThatThrownBy(() -> RequestBodies.check(json.readTree("{\"x/y\": [{\"m~n\": [\"ok\", \"\\u0000\"]}],"
                + " \"int\": 2147483647, \"long\": 1234567890123456789}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer()).containsExactly("/x~1y/0/m~0n/1", "/long"));
    }

    /**
     * Low: a YAML body's scalar was parsed in quadratic time: a YAML read stops at its deadline, whatever the
     * parser is doing (here a deadline already past), and an in-time read gives the tree.
     */
    @Test
    void aYamlReadStopsAtItsDeadline() throws Exception {
        byte[] yaml = ("note: " + "a".repeat(64 * 1024) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RequestBodies.yamlMapper(Integer.MAX_VALUE)
                .readTree(new TimedReader(yaml, java.time.Duration.ofSeconds(-1))))
                .satisfies(e -> assertThat(TimedReader.ranOut(e)).as("ran out of time").isTrue());
        assertThat(RequestBodies.yamlMapper(Integer.MAX_VALUE)
                .readTree(new TimedReader(yaml, java.time.Duration.ofMinutes(1))).get("note").textValue())
                .hasSize(64 * 1024);
    }
}
