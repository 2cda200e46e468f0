package io.servicegrade.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.json.FuzzRequestBodies;
import io.servicegrade.platform.json.JsonSettings;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.rubric.RubricDocument;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.rubric.RubricVersion;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.Scorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The readers' entry points, reached the way their resources reach them, without booting Quarkus. Every JSON and
 * YAML body goes through the server's one body reader first ({@link RequestBodies}: size, strict parse, check),
 * then through the resource's own reader. Readers that are not public (the evaluation and unit readers, the import
 * file reader) are called by reflection on the very methods the server calls; a renamed method fails every fuzz
 * test of its reader at once, with a message naming the method to look for.
 */
final class Entries {

    /** The server's ObjectMapper for request bodies: Jackson's defaults with {@link JsonSettings} applied. */
    static final ObjectMapper JSON = serverMapper();

    /** The rubrics an evaluation may name here, ready to score (key → version 1 of it). */
    static final Map<String, RubricService.Version> RUBRICS = rubrics();

    /** When every rubric here came into force. */
    static final OffsetDateTime RUBRICS_SINCE = OffsetDateTime.parse("2023-01-01T00:00:00+08:00");

    /** The local time zone, as {@link ServiceGradeConfig#localZone} gives it to code outside a bean. */
    static final ZoneId LOCAL_ZONE = ServiceGradeConfig.localZone();

    /** The server's one reader of JSON and YAML request bodies, built as CDI builds it, with the default limits. */
    static final RequestBodies BODIES = FuzzRequestBodies.of(JSON);

    private Entries() {
    }

    private static ObjectMapper serverMapper() {
        ObjectMapper mapper = JsonMapper.builder().build();
        new JsonSettings().customize(mapper);
        return mapper;
    }

    /**
     * A JSON or YAML request body as the resources read it ({@code bodies.json(body, kind)}, {@code bodies.yaml}):
     * its size against the limit of its kind, then {@link RequestBodies#parse} (a strict parse, then
     * {@link RequestBodies#check}: control characters, lone surrogates, numbers out of bounds). A refusal is a
     * {@link ProblemException}, checked by {@link Verdict#refused}; null then.
     */
    static JsonNode body(byte[] body, RequestBodies.Kind kind, boolean yaml) {
        return Verdict.read(() -> {
            long max = BODIES.limit(kind);
            if (body.length > max) {
                throw RequestBodies.tooLarge(max);
            }
            return BODIES.parse(body, yaml);
        });
    }

    /** The built-in rubrics and the every-rule-kind rubric of the fuzz resources, as stored versions. */
    private static Map<String, RubricService.Version> rubrics() {
        Map<String, RubricService.Version> rubrics = new LinkedHashMap<>();
        for (String resource : new String[] {"/rubrics/postal-counter-model-window.yaml",
                "/rubrics/customer-satisfaction-5.yaml", "/io/servicegrade/fuzz/every-rule-kind.yaml"}) {
            Rubric rubric = rubric(resource);
            rubrics.put(rubric.key(), new RubricService.Version(new RubricVersion(rubric.key(), 1, rubric, "fuzz",
                    "preset", OffsetDateTime.parse("2023-01-01T00:00:00+08:00")), Scorer.of(rubric)));
        }
        return Map.copyOf(rubrics);
    }

    static Rubric rubric(String resource) {
        try (InputStream in = Entries.class.getResourceAsStream(resource)) {
            RubricDocument.Read read = RubricDocument.read(new YAMLMapper().readTree(in));
            if (read.rubric() == null) {
                throw new IllegalStateException(resource + " is not a valid rubric: " + read.problems());
            }
            return read.rubric();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The every-rule-kind rubric: an item of each rule kind. */
    static Rubric everyRuleKind() {
        return RUBRICS.get("every-rule-kind").version().rubric();
    }

    // --- reflection on the server's own (non-public) entry points ---

    static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is gone: update fuzz/Entries to the reader that replaced it", e);
        }
    }

    static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + "#" + name + " is gone: update fuzz/Entries to the"
                    + " method that replaced it", e);
        }
    }

    static Object field(Class<?> type, String name, Object target) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + "#" + name + " is gone: update fuzz/Entries", e);
        }
    }

    /** A new {@code type}, by its (possibly non-public) constructor taking {@code parameters}. */
    static Object construct(Class<?> type, Class<?>[] parameters, Object... arguments) {
        java.lang.reflect.Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + "'s constructor is gone: update fuzz/Entries to the"
                    + " one that replaced it", e);
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls {@code method}, throwing what it throws (not wrapped). */
    static Object call(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("checked exception out of " + method, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Record component {@code name} of {@code record}. */
    static Object component(Object record, String name) {
        return call(method(record.getClass(), name), record);
    }
}
