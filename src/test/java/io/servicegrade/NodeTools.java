package io.servicegrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JavaScript tools a frontend team runs against the API (graphql-js, GraphQL Code Generator; and, with a folder
 * given, the OpenAPI client tools of {@code clients/typescript}), from the
 * versions pinned in {@code graphql/package.json} and {@code graphql/package-lock.json}, installed on first use into
 * {@code graphql/node_modules} (git-ignored) with {@code npm ci}. Needs Node.js and npm (Debian's {@code nodejs},
 * {@code npm}); the first install needs the npm registry, later runs none.
 */
public final class NodeTools {

    public static final Path DIR = Path.of("graphql").toAbsolutePath();
    public static final Path NODE = Path.of("/usr/bin/node");

    /** What a tool printed and how it ended. */
    public record Run(int exit, String output) {
    }

    private NodeTools() {
    }

    /** Skips (outside CI) or fails (in CI) the calling test when Node.js, npm or the pinned packages are missing. */
    public static synchronized void require() {
        TestMachine.require(Files.isExecutable(NODE) && Files.isExecutable(Path.of("/usr/bin/npm")),
                "Node.js 20+ and npm (Debian's nodejs and npm; .ci/run installs them)");
        if (Files.isDirectory(DIR.resolve("node_modules/@graphql-codegen/cli"))
                && Files.isDirectory(DIR.resolve("node_modules/graphql"))) {
            return;
        }
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), null, 600);
        TestMachine.require(install.exit() == 0, "the npm packages of graphql/package-lock.json (npm ci in graphql/ "
                + "failed: " + tail(install.output()) + ")");
    }

    /**
     * Skips (outside CI) or fails (in CI) the calling test when Node.js, npm or the packages of {@code dir}'s
     * lockfile (checked by the folders of {@code packages}) are missing; installs them with {@code npm ci} first.
     */
    public static synchronized void require(Path dir, String... packages) {
        TestMachine.require(Files.isExecutable(NODE) && Files.isExecutable(Path.of("/usr/bin/npm")),
                "Node.js 20+ and npm (Debian's nodejs and npm; .ci/run installs them)");
        if (java.util.Arrays.stream(packages).allMatch(p -> Files.isDirectory(dir.resolve("node_modules").resolve(p)))) {
            return;
        }
        Run install = run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), null, 600);
        TestMachine.require(install.exit() == 0, "the npm packages of " + dir + "/package-lock.json (npm ci failed: "
                + tail(install.output()) + ")");
    }

    /** Runs {@code command} in {@code graphql/}, with {@code env} added and {@code input} on its standard input. */
    public static Run run(List<String> command, Map<String, String> env, String input, int timeoutSeconds) {
        return run(DIR, command, env, input, timeoutSeconds);
    }

    /** Runs {@code command} in {@code dir}, with {@code env} added and {@code input} on its standard input. */
    public static Run run(Path dir, List<String> command, Map<String, String> env, String input, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("sg-node", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("NODE_PATH", dir.resolve("node_modules").toString());
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            Files.delete(log);
            return new Run(done ? process.exitValue() : -1, output);
        } catch (IOException e) {
            return new Run(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, e.toString());
        }
    }

    private static String tail(String text) {
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
