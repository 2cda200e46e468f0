package io.servicegrade.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.json.JsonSettings;
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
 * The readers' entry points, reached the way their resources reach them, without booting Quarkus. Readers that
 * are not public (the evaluation and unit readers, the YAML parsers of the rubric and scheme resources, the import
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
    static final ZoneId LOCAL_ZONE = localZone();

    private Entries() {
    }

    /**
     * {@link ServiceGradeConfig#localZone}, and the import service (whose static formats use it) initialised. Outside
     * a Quarkus application, with no {@code servicegrade.time-zone} configured, {@code localZone()} throws (SmallRye
     * hands the zone converter an empty text) instead of giving the default its javadoc promises: the default is
     * configured for the time it takes to initialise them, and removed after.
     */
    private static ZoneId localZone() {
        String name = "servicegrade.time-zone";
        boolean set = System.getProperty(name) == null;
        if (set) {
            System.setProperty(name, ServiceGradeConfig.DEFAULT_TIME_ZONE);
        }
        try {
            Class.forName("io.servicegrade.evaluation.ImportService", true, Entries.class.getClassLoader());
            return ServiceGradeConfig.localZone();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            if (set) {
                System.clearProperty(name);
            }
        }
    }

    private static ObjectMapper serverMapper() {
        ObjectMapper mapper = JsonMapper.builder().build();
        new JsonSettings().customize(mapper);
        return mapper;
    }

    /**
     * A request body as quarkus-rest-jackson hands it to a resource taking a {@code JsonNode}: null when empty.
     * Throws Jackson's own exception when the text is not JSON: {@code ProblemMappers#json} answers it with a 400
     * (or a 422 naming the field).
     */
    static JsonNode jsonBody(byte[] body) throws IOException {
        if (body.length == 0) {
            return null;
        }
        return JSON.readerFor(JsonNode.class).readValue(body);
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

    /**
     * A YAML body as the rubric and scheme resources parse it, with their own mapper ({@code YAML} of the resource
     * class); a text that is not YAML is refused as they refuse it (a 400 {@link ProblemException}).
     */
    static JsonNode yamlBody(Class<?> resource, String text) {
        YAMLMapper yaml = (YAMLMapper) field(resource, "YAML", null);
        try {
            return yaml.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            throw new ProblemException(400, "malformed-body", m -> m.badRequestTitle(), m -> m.malformedYaml(reason));
        }
    }
}
