package io.servicegrade.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one reader of every JSON and YAML request body. In this order: the body's size against the limit of what
 * it carries (before anything is parsed), then, on a worker thread (never the event loop), a strict parse (one
 * document and nothing after it, no key twice in an object, at most {@value #MAX_DEPTH} levels deep; YAML with
 * no more than {@value #MAX_ALIASES} aliases), then every text and number in it against {@link InputRules}. A
 * refusal is a problem naming each bad place by its JSON pointer; the caller goes on on its own Vert.x context.
 * SnakeYAML reads a long plain or quoted scalar in quadratic time (1 MB: seconds), so a YAML body is read within
 * {@code servicegrade.bodies.yaml-read-time} ({@link TimedReader}); block scalars ({@code |}) read in linear time.
 */
@ApplicationScoped
public class RequestBodies {

    /** What a body carries, which sets how large it may be. */
    public enum Kind {
        /** A rubric, a scheme, answers to score, a correction or a void: {@code servicegrade.bodies.document}. */
        DOCUMENT,
        /** An admin's body (a key, an agency): {@code servicegrade.bodies.small}. */
        SMALL,
        /** A batch (evaluations, units): the HTTP limit, {@code quarkus.http.limits.max-body-size}. */
        BATCH
    }

    static final int MAX_DEPTH = 64;
    static final int MAX_ALIASES = 50;
    /** A body with more bad places than this is answered with the first ones only. */
    static final int MAX_VIOLATIONS = 100;

    @Inject
    ObjectMapper mapper;

    @Inject
    ServiceGradeConfig config;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize httpLimit;

    private ObjectReader json;
    private Duration yamlReadTime = Duration.ofSeconds(2);
    private ObjectReader yaml;

    @PostConstruct
    void init() {
        ObjectMapper strict = mapper.copy();
        strict.getFactory().setStreamReadConstraints(constraints());
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        json = strict.readerFor(JsonNode.class);
        yamlReadTime = config.bodies().yamlReadTime();
        yaml = yamlMapper((int) Math.min(Integer.MAX_VALUE, limit(Kind.BATCH))).readerFor(JsonNode.class);
    }

    /** A YAML reader as strict as the JSON one, reading at most {@code codePoints} characters. */
    public static YAMLMapper yamlMapper(int codePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(codePoints);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return YAMLMapper.builder(factory).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();
    }

    /** The largest body of this kind, in bytes. */
    public long limit(Kind kind) {
        return switch (kind) {
            case DOCUMENT -> Math.min(config.bodies().document().asLongValue(), httpLimit.asLongValue());
            case SMALL -> Math.min(config.bodies().small().asLongValue(), httpLimit.asLongValue());
            case BATCH -> httpLimit.asLongValue();
        };
    }

    /** A JSON body, read strictly; fails with a problem (413, 400 or 422) when it is not acceptable. */
    public Uni<JsonNode> json(byte[] body, Kind kind) {
        return read(body, kind, false);
    }

    /** A YAML body, read as strictly as JSON, into the same tree. */
    public Uni<JsonNode> yaml(byte[] body, Kind kind) {
        return read(body, kind, true);
    }

    private Uni<JsonNode> read(byte[] body, Kind kind, boolean isYaml) {
        return read(body, kind, () -> parse(body, isYaml));
    }

    /**
     * A text body (a CSV), decoded strictly as UTF-8 (a byte order mark dropped) and read by {@code reader} on a
     * worker thread, as JSON and YAML bodies are; a bad byte is 400.
     */
    public <T> Uni<T> text(byte[] body, Kind kind, java.util.function.Function<String, T> reader) {
        return read(body, kind, () -> reader.apply(utf8(body)));
    }

    private <T> Uni<T> read(byte[] body, Kind kind, java.util.function.Supplier<T> reader) {
        long max = limit(kind);
        if (body != null && body.length > max) {
            return Uni.createFrom().failure(tooLarge(max));
        }
        Uni<T> parsed = Uni.createFrom().item(reader).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Context context = Vertx.currentContext();
        return context == null ? parsed : parsed.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    private static String utf8(byte[] body) {
        try {
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    m -> m.bodyNotUtf8());
        }
    }

    /** The 413 of a body over {@code max} bytes. */
    public static ProblemException tooLarge(long max) {
        return new ProblemException(413, "payload-too-large", ProblemMessages::payloadTooLargeTitle,
                m -> m.bodyOverLimit(max));
    }

    /** Parses and checks a body (the caller's thread): the tree, or a problem. Public for the fuzz targets. */
    public JsonNode parse(byte[] body, boolean isYaml) {
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::bodyMissing);
        }
        JsonNode tree;
        try {
            tree = isYaml ? yaml.readTree(new TimedReader(body, yamlReadTime)) : json.readTree(body);
        } catch (IOException | RuntimeException e) {
            // SnakeYAML's own limits (code points, aliases, depth) and the read time fail inside other exceptions
            if (TimedReader.ranOut(e)) {
                long seconds = Math.max(1, yamlReadTime.toSeconds());
                throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                        m -> m.yamlTooSlow(seconds));
            }
            String reason = firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage());
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    isYaml ? m -> m.malformedYaml(reason) : m -> m.malformedJson(reason));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::bodyMissing);
        }
        check(tree);
        return tree;
    }

    /**
     * Every field name, text and number of a tree against {@link InputRules}: a text or name that is not Unicode
     * (half a surrogate pair) makes the body malformed (400); a control character or a number out of bounds is a
     * bad field (422). Each is named by its pointer.
     */
    public static void check(JsonNode tree) {
        List<Violation> malformed = new ArrayList<>();
        List<Violation> invalid = new ArrayList<>();
        Deque<Place> pending = new ArrayDeque<>();
        pending.push(new Place(null, null, -1, tree));
        List<Place> fields = new ArrayList<>();
        while (!pending.isEmpty() && malformed.size() + invalid.size() < MAX_VIOLATIONS) {
            Place next = pending.pop();
            JsonNode node = next.node();
            if (next.name() != null) {
                Message problem = InputRules.textProblem(next.name(), InputRules.Text.LINE);
                if (problem != null) {
                    (InputRules.hasLoneSurrogate(next.name()) ? malformed : invalid)
                            .add(Violation.at(next.pointer(), problem));
                }
            }
            if (node.isObject()) {
                fields.clear();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    fields.add(new Place(next, field.getKey(), -1, field.getValue()));
                }
                for (int i = fields.size() - 1; i >= 0; i--) {
                    pending.push(fields.get(i));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(new Place(next, null, i, node.get(i)));
                }
            } else if (node.isTextual()) {
                Message problem = InputRules.textProblem(node.textValue(), InputRules.Text.MULTILINE);
                if (problem != null) {
                    (InputRules.hasLoneSurrogate(node.textValue()) ? malformed : invalid)
                            .add(Violation.at(next.pointer(), problem));
                }
            } else if (node.isNumber() && !(node.isInt() && InputRules.MAX_INTEGER_DIGITS >= 10)) {
                // an int has at most 10 digits and no fraction: within the bounds, and no decimal is made of it
                Message problem = node.isDouble() || node.isFloat() ? InputRules.numberProblem(node.doubleValue())
                        : InputRules.numberProblem(node.decimalValue());
                if (problem != null) {
                    invalid.add(Violation.at(next.pointer(), problem));
                }
            }
        }
        if (!malformed.isEmpty()) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::notUnicode, malformed);
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
    }

    /**
     * A place in a tree still to check, in document order: where it is (its parent, and its field name in an
     * object or its index in an array) and its node. Its pointer is written only for a place with a problem
     * (issue 21: one was written for every node of every batch, and thrown away).
     */
    private record Place(Place parent, String name, int index, JsonNode node) {

        String pointer() {
            if (parent == null) {
                return "";
            }
            return parent.pointer() + "/" + (name != null ? Violation.escape(name) : Integer.toString(index));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
