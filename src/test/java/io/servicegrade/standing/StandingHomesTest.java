package io.servicegrade.standing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the standings' rules live, read from the sources: scheme/ never imports standing/ (standing/ reads schemes,
 * and a new version reaches the inputs through the port scheme/SchemeInputs), and the statements on
 * {@code standing_input} and {@code standing_period} are all in their one owner, StandingInputRepository.
 */
class StandingHomesTest {

    private static final Path MAIN = Path.of("src/main/java/io/servicegrade");

    private static List<Path> sources(Path under) throws IOException {
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The lines of a source that are code, not comments (javadoc, line comments). */
    private static Stream<String> code(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(line -> !line.startsWith("*") && !line.startsWith("/*") && !line.startsWith("//"));
    }

    @Test
    void theSchemePackageNeverImportsTheStandingPackage() throws IOException {
        List<Path> scheme = sources(MAIN.resolve("scheme"));
        assertThat(scheme).isNotEmpty();
        for (Path file : scheme) {
            assertThat(code(file).filter(line -> line.contains("io.servicegrade.standing")).toList())
                    .as("%s reaches into standing/", file).isEmpty();
        }
    }

    @Test
    void onlyTheStandingInputRepositoryHasStatementsOnTheStandingTables() throws IOException {
        List<Path> all = sources(MAIN);
        assertThat(all).hasSizeGreaterThan(50);
        for (Path file : all) {
            if (file.getFileName().toString().equals("StandingInputRepository.java")) {
                continue;
            }
            assertThat(code(file).filter(line -> line.matches(".*\\bstanding_(input|period)\\b.*")).toList())
                    .as("%s has SQL on standing_input or standing_period", file).isEmpty();
        }
    }
}
