package io.servicegrade.complaint;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.BodyFields;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.json.Reasons;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bodies of the complaints register's actions (issue 19), read whole: every bad field is named by its pointer
 * (with the entry's index in a batch), and nothing is looked up here (the service resolves the units).
 */
final class ComplaintInput {

    static final List<String> CHANNELS = List.of("hotline", "letter", "online", "walk-in", "regulator");
    static final List<String> SATISFACTIONS = List.of("satisfied", "unsatisfied");
    static final int MAX_SUBJECT = 2000;
    static final int MAX_REFERENCE = 200;
    static final int MAX_RESPONDER = 100;
    static final int MAX_BATCH = 500;
    static final long MAX_VOLUME = 1_000_000_000_000L;

    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private static final Set<String> REGISTRATION = Set.of("channel", "receivedAt", "unit", "category", "subject",
            "customerRef", "firstResponder");
    private static final Set<String> REPLY = Set.of("resolution", "repliedAt");
    private static final Set<String> SATISFACTION = Set.of("satisfaction");
    private static final Set<String> VOLUME = Set.of("unit", "month", "volume");

    private ComplaintInput() {
    }

    /** A complaint as registered; {@code customerHash} is the SHA-256 of the reference given, never the reference. */
    record Registration(String channel, OffsetDateTime receivedAt, String unit, String category, String subject,
            String customerHash, String firstResponder) {
    }

    record Reply(String resolution, OffsetDateTime repliedAt) {
    }

    record Volume(String unit, YearMonth month, long volume) {
    }

    /** One registration; {@code prefix} is where it is in the request ("" for one, "/3" in a batch). */
    static Registration registration(JsonNode body, String prefix, Instant now, ComplaintCategories categories,
            List<Violation> problems) {
        if (body == null || !body.isObject()) {
            problems.add(Violation.at(prefix, m -> m.wrongType("object")));
            return null;
        }
        int before = problems.size();
        unknown(body, REGISTRATION, prefix, problems);
        String channel = text(body, "channel", prefix, 16, problems);
        if (channel != null && !CHANNELS.contains(channel)) {
            problems.add(Violation.at(prefix + "/channel", m -> m.oneOf(String.join(", ", CHANNELS))));
        }
        OffsetDateTime received = instant(body, "receivedAt", prefix, true, problems);
        if (received != null && received.toInstant().isAfter(now)) {
            problems.add(Violation.at(prefix + "/receivedAt", m -> m.complaintInFuture()));
        }
        String unit = text(body, "unit", prefix, 64, problems);
        String category = text(body, "category", prefix, 40, problems);
        // issue 19b: one of the configured categories, so every reader sees a name
        if (category != null && !categories.known(category)) {
            String keys = categories.keys();
            problems.add(Violation.at(prefix + "/category", m -> m.complaintCategoryUnknown(keys)));
        }
        String subject = multiline(body, "subject", prefix, MAX_SUBJECT, problems);
        String reference = text(body, "customerRef", prefix, MAX_REFERENCE, problems);
        String responder = text(body, "firstResponder", prefix, MAX_RESPONDER, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Registration(channel, received, unit, category, subject, hash(reference), responder);
    }

    static List<Registration> batch(JsonNode body, Instant now, ComplaintCategories categories) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isArray()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("array"))));
        }
        if (body.size() == 0) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.required())));
        }
        if (body.size() > MAX_BATCH) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.complaintBatchTooLarge(MAX_BATCH))));
        }
        List<Registration> all = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            all.add(registration(body.get(i), "/" + i, now, categories, problems));
        }
        refuse(problems);
        return all;
    }

    static Registration one(JsonNode body, Instant now, ComplaintCategories categories) {
        List<Violation> problems = new ArrayList<>();
        Registration r = registration(body, "", now, categories, problems);
        refuse(problems);
        return r;
    }

    static Reply reply(JsonNode body, Instant now) {
        List<Violation> problems = new ArrayList<>();
        object(body, REPLY, problems);
        String resolution = Reasons.required(body, "resolution", problems);
        OffsetDateTime replied = instant(body, "repliedAt", "", false, problems);
        if (replied != null && replied.toInstant().isAfter(now)) {
            problems.add(Violation.at("/repliedAt", m -> m.complaintInFuture()));
        }
        refuse(problems);
        return new Reply(resolution, replied);
    }

    static String satisfaction(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        object(body, SATISFACTION, problems);
        String value = text(body, "satisfaction", "", 16, problems);
        if (value != null && !SATISFACTIONS.contains(value)) {
            problems.add(Violation.at("/satisfaction", m -> m.oneOf(String.join(", ", SATISFACTIONS))));
        }
        refuse(problems);
        return value;
    }

    /** A list of volumes, each unit and month at most once. */
    static List<Volume> volumes(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("array"))));
        }
        if (body.size() == 0) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.required())));
        }
        if (body.size() > 10 * MAX_BATCH) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.complaintBatchTooLarge(10 * MAX_BATCH))));
        }
        List<Violation> problems = new ArrayList<>();
        List<Volume> all = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            all.add(volume(body.get(i), "/" + i, problems));
        }
        repeatedVolumes(all, i -> "/" + i + "/month", i -> i, problems);
        refuse(problems);
        return all;
    }

    static Volume volume(JsonNode entry, String prefix, List<Violation> problems) {
        if (entry == null || !entry.isObject()) {
            problems.add(Violation.at(prefix, m -> m.wrongType("object")));
            return null;
        }
        int before = problems.size();
        unknown(entry, VOLUME, prefix, problems);
        String unit = text(entry, "unit", prefix, 64, problems);
        String monthText = text(entry, "month", prefix, 7, problems);
        YearMonth month = null;
        if (monthText != null) {
            month = month(monthText);
            if (month == null) {
                problems.add(Violation.at(prefix + "/month", m -> m.volumeMonthFormat()));
            }
        }
        JsonNode v = entry.get("volume");
        long volume = 0;
        if (v == null || v.isNull()) {
            problems.add(Violation.at(prefix + "/volume", m -> m.required()));
        } else if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0 && v.asLong() <= MAX_VOLUME) {
            volume = v.asLong();
        } else if (v.isTextual() && v.asText().strip().matches("[0-9]{1,13}")
                && Long.parseLong(v.asText().strip()) <= MAX_VOLUME) {
            volume = Long.parseLong(v.asText().strip());
        } else {
            problems.add(Violation.at(prefix + "/volume", m -> m.volumeRange(MAX_VOLUME)));
        }
        return problems.size() > before ? null : new Volume(unit, month, volume);
    }

    /** Names each volume that repeats an earlier one's unit and month (at the pointer {@code at} gives). */
    static void repeatedVolumes(List<Volume> all, java.util.function.IntFunction<String> at,
            java.util.function.IntUnaryOperator shown, List<Violation> problems) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Volume v = all.get(i);
            if (v == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(v.unit() + "\n" + v.month(), i);
            if (first != null) {
                int number = shown.applyAsInt(first);
                problems.add(Violation.at(at.apply(i), m -> m.volumeRepeated(number)));
            }
        }
    }

    static YearMonth month(String text) {
        if (text == null || !MONTH.matcher(text.strip()).matches()) {
            return null;
        }
        return YearMonth.parse(text.strip());
    }

    /** The customer reference as stored and compared: its SHA-256, in hex (issue 19: the reference is not kept). */
    static String hash(String reference) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void refuse(List<Violation> problems) {
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    private static void object(JsonNode body, Set<String> fields, List<Violation> problems) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        unknown(body, fields, "", problems);
    }

    private static void unknown(JsonNode body, Set<String> fields, String prefix, List<Violation> problems) {
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                problems.add(Violation.at(prefix + "/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
    }

    private static OffsetDateTime instant(JsonNode body, String field, String prefix, boolean required,
            List<Violation> problems) {
        JsonNode node = body.get(field);
        String at = prefix + "/" + field;
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            if (required) {
                problems.add(Violation.at(at, m -> m.required()));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(Violation.at(at, m -> m.wrongType("string")));
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText().strip());
        } catch (DateTimeParseException e) {
            problems.add(Violation.at(at, m -> m.dateTimeFormat()));
            return null;
        }
    }

    private static String text(JsonNode body, String field, String prefix, int max, List<Violation> problems) {
        return BodyFields.text(body, prefix, field, true, max, InputRules.Text.LINE, problems);
    }

    private static String multiline(JsonNode body, String field, String prefix, int max, List<Violation> problems) {
        return BodyFields.text(body, prefix, field, true, max, InputRules.Text.MULTILINE, problems);
    }
}
