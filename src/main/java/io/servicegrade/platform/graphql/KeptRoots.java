package io.servicegrade.platform.graphql;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Map;

/**
 * A feature whose GraphQL root fields answer from data it can version cheaply, so that {@link KeptAnswers} may keep
 * an answer and give it again while that data is unchanged (issue 21). The feature says which root fields and which
 * fields under them read only that data; an operation that selects anything else is executed as always.
 */
public interface KeptRoots {

    /** The root fields of {@code Query} this feature answers, each with the name of its type. */
    Map<String, String> roots();

    /**
     * Per GraphQL type reachable from {@link #roots()}, the fields whose values come from the data
     * {@link #version} names and nothing else, each with the name of its object type (null for a scalar or enum).
     * A field not listed, or any field with arguments, makes an operation go unkept.
     */
    Map<String, Map<String, String>> fields();

    /**
     * What answers to {@code calls} depend on beyond the request itself, read fresh for this request: who reads
     * (its part of the key: one reader's answer is never given to another) and the version of the data (an answer
     * is given again only while it is equal). The reads it makes are seeded into {@link KeptReads#current()} so
     * that the execution uses them and no other. A null item, or a failure: the operation is executed unkept.
     */
    Uni<Version> version(List<Call> calls, String apiKey, String authorization);

    /** A root field called, by its name (not its alias), with its arguments' values (strings, numbers, booleans). */
    record Call(String field, Map<String, Object> arguments) {
    }

    /** {@code reader}: part of the key; {@code data}: compared with the kept answer's. */
    record Version(Object reader, Object data) {
    }
}
