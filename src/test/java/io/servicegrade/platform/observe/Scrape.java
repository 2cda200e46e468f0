package io.servicegrade.platform.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * One read of {@code /q/metrics} as Prometheus reads it (OpenMetrics, which it asks for first, with exemplars):
 * each sample's name, labels and value. The suite shares one server, so a test compares two scrapes, before and after its own requests.
 */
public record Scrape(List<Sample> samples) {

    /** A line of the exposition: {@code name{label="value",…} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** The server's metrics now. */
    public static Scrape now() {
        String text = given().accept("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        return parse(text);
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // an OpenMetrics exemplar after the value (the trace of one observation) is not part of the sample
            int exemplar = line.indexOf(" # {");
            Matcher m = LINE.matcher((exemplar < 0 ? line : line.substring(0, exemplar)).trim());
            if (!m.matches()) {
                throw new AssertionError("not a sample line of the Prometheus text format: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new Scrape(samples);
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels} (alternating keys, values). */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, labels)) {
                total += s.value();
            }
        }
        return total;
    }

    /** Whether a sample named {@code name} with {@code labels} is exported. */
    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && matches(s, labels));
    }

    /** The names of every sample exported. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    private static boolean matches(Sample s, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
