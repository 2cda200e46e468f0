package io.servicegrade.platform.openapi;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.servicegrade.TestApi;
import io.servicegrade.TestMachine;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, point 7: a Java client generated from the served {@code /q/openapi} by openapi-generator (generator
 * {@code java}, library {@code native}: java.net.http and Jackson, nothing else) compiles and works. The generator's
 * CLI jar is fetched by the build into {@code target/openapi-generator} (pom.xml, maven-dependency-plugin), else
 * taken from the local Maven repository; it runs in its own JVM, never on the server's class path. {@code clients/java/Example.java} is compiled with the generated sources against Jackson and
 * jakarta.annotation alone, then run against this server: the steps of {@code clients/typescript/example.ts}.
 */
@QuarkusTest
class JavaClientTest {

    static final String GENERATOR_VERSION = "7.25.0";
    static final Path OUT = Path.of("target/java-client").toAbsolutePath();

    @TestHTTPResource("/")
    URI root;

    static Path generatorJar() {
        String copied = System.getProperty("servicegrade-test.openapi-generator");
        if (copied != null && Files.isRegularFile(Path.of(copied))) {
            return Path.of(copied); // fetched by the build (pom.xml, maven-dependency-plugin)
        }
        String repository = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository");
        return Path.of(repository, "org/openapitools/openapi-generator-cli", GENERATOR_VERSION,
                "openapi-generator-cli-" + GENERATOR_VERSION + ".jar");
    }

    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(className, e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sg-java-client", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + "\n" + output).isTrue();
        return output;
    }

    @Test
    void aClientGeneratedFromTheServedDocumentCompilesAndWorks() throws IOException, InterruptedException {
        Path jar = generatorJar();
        TestMachine.require(Files.isRegularFile(jar), "openapi-generator-cli " + GENERATOR_VERSION + " in the local Maven "
                + "repository (./mvnw dependency:get -Dartifact=org.openapitools:openapi-generator-cli:"
                + GENERATOR_VERSION + ")");
        String base = root.toString().replaceAll("/$", "");
        deleteTree(OUT);
        run(List.of(java(), "-jar", jar.toString(), "generate", "-i", base + "/q/openapi?format=json", "-g", "java",
                "--library", "native", "-o", OUT.resolve("generated").toString(),
                "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false",
                "--additional-properties", "invokerPackage=io.servicegrade.client,apiPackage=io.servicegrade.client.api,"
                        + "modelPackage=io.servicegrade.client.model,openApiNullable=false,useJakartaEe=true"), 180);

        // compiled against Jackson and jakarta.annotation only: what the generated pom asks for
        String classPath = String.join(File.pathSeparator, jarOf("com.fasterxml.jackson.databind.ObjectMapper"),
                jarOf("com.fasterxml.jackson.core.JsonFactory"), jarOf("com.fasterxml.jackson.annotation.JsonProperty"),
                jarOf("com.fasterxml.jackson.datatype.jsr310.JavaTimeModule"), jarOf("jakarta.annotation.Generated"));
        List<String> arguments = new ArrayList<>(List.of("-nowarn", "-encoding", "UTF-8", "-d",
                OUT.resolve("classes").toString(), "-cp", classPath));
        try (Stream<Path> sources = Files.walk(OUT.resolve("generated/src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
        }
        arguments.add(Path.of("clients/java/Example.java").toAbsolutePath().toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(compiled).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        String prefix = TestApi.freshPrefix();
        String output = run(List.of(java(), "-cp", OUT.resolve("classes") + File.pathSeparator + classPath, "Example",
                base, TestApi.adminKey(), prefix), 120);
        Map<String, String> steps = new HashMap<>();
        List<String> posts = new ArrayList<>();
        for (String line : output.split("\n")) {
            String step = line.split(" ", 2)[0];
            steps.put(step, line);
            if (step.equals("evaluations")) {
                posts.add(line);
            }
        }
        assertThat(steps.get("units")).as(output).isEqualTo("units created=3");
        assertThat(steps.get("rubric")).as(output).contains("kinds=DeductionRule,IndicatorsRule,ShortfallRule,VetoRule");
        assertThat(posts).as(output).containsExactly(
                "evaluations attempt=1 status=201 replayed=- outcomes=created,created,created,created "
                        + "scores=100,100,100,100",
                "evaluations attempt=2 status=201 replayed=true outcomes=created,created,created,created "
                        + "scores=100,100,100,100");
        // equal values share rank 1, in either order
        assertThat(steps.get("standings")).as(output).startsWith("standings totalCount=2 rows=");
        assertThat(steps.get("standings").split("rows=")[1].split(",")).as(output)
                .containsExactlyInAnyOrder(prefix + ".W1:1:100:model", prefix + ".W2:1:100:model");
        assertThat(steps.get("problem")).as(output).startsWith("problem status=422 type=urn:servicegrade:problem:")
                .contains("pointers=/evaluations/0/unit");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
