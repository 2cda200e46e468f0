package io.servicegrade.standing;

import io.servicegrade.scheme.Period;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The period an evaluation falls in is decided twice: in Java ({@link Period#of(Period.Kind, Instant, ZoneId)},
 * for what a client asks) and in SQL ({@link StandingInputRepository#periodOf}, when standings inputs are written from
 * {@code e.conducted_at}). They must agree for every kind, in a zone with summer time and one without, also
 * within minutes of month, quarter, half and year boundaries and of summer-time changes. The SQL runs on a real
 * PostgreSQL (the embedded server's binaries, on a temporary directory), no Quarkus.
 */
class PeriodSqlTwinTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Shanghai"));
    private static final Instant FROM = Instant.parse("1990-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2090-12-31T23:59:59Z");

    private static Path directory;
    private static EmbeddedPostgres postgres;
    private static Connection connection;
    private static PreparedStatement query;

    @BeforeContainer
    static void startPostgres() throws Exception {
        directory = Files.createTempDirectory("period-sql-twin");
        postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("pg")).setCleanDataDirectory(true)
                .setLocaleConfig("locale", "C.UTF-8").start();
        connection = postgres.getPostgresDatabase().getConnection();
        // Every kind at once, for many instants; the zone is a text value like the statements' parameter.
        String columns = Arrays.stream(Period.Kind.values()).map(k -> StandingInputRepository.periodOf(k, "z.zone"))
                .collect(Collectors.joining(", "));
        query = connection.prepareStatement("SELECT " + columns
                + " FROM unnest(?::timestamptz[]) WITH ORDINALITY AS e(conducted_at, i)"
                + " CROSS JOIN (SELECT ?::text AS zone) z ORDER BY e.i");
    }

    @AfterContainer
    static void stopPostgres() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (directory != null) {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<List<Instant>> instants() {
        Arbitrary<Instant> anywhere = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond())
                .map(Instant::ofEpochSecond);
        // The first of a month at midnight in one of the zones, give or take up to 10 minutes (0 and −1 s often).
        Arbitrary<Instant> nearMonthStart = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1990, 2090),
                Arbitraries.integers().between(1, 12), Arbitraries.of(ZONES),
                Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)), Tuple.of(2, Arbitraries.just(-1)),
                        Tuple.of(6, Arbitraries.integers().between(-600, 600))))
                .as((year, month, zone, seconds) -> LocalDate.of(year, month, 1).atStartOfDay(zone).toInstant()
                        .plusSeconds(seconds));
        // A summer-time change in one of the zones, give or take up to 10 minutes.
        Arbitrary<Instant> nearTransition = net.jqwik.api.Combinators.combine(anywhere, Arbitraries.of(ZONES),
                Arbitraries.integers().between(-600, 600)).as((instant, zone, seconds) -> {
                    ZoneOffsetTransition next = zone.getRules().nextTransition(instant);
                    return next == null ? instant : next.getInstant().plusSeconds(seconds);
                }).filter(i -> !i.isBefore(FROM) && !i.isAfter(TO));
        return Arbitraries.frequencyOf(Tuple.of(3, anywhere), Tuple.of(4, nearMonthStart), Tuple.of(3, nearTransition))
                .list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 200)
    void javaAndSqlPutEveryInstantInTheSamePeriodOfEveryKind(@ForAll("instants") List<Instant> instants)
            throws Exception {
        for (ZoneId zone : ZONES) {
            List<List<String>> sql = sql(instants, zone);
            List<List<String>> java = instants.stream().map(instant -> Arrays.stream(Period.Kind.values())
                    .map(kind -> Period.of(kind, instant, zone).id()).toList()).toList();
            for (int i = 0; i < instants.size(); i++) {
                assertThat(sql.get(i)).as("%s in %s (%s there)", instants.get(i), zone,
                        instants.get(i).atZone(zone).toLocalDateTime()).isEqualTo(java.get(i));
            }
        }
    }

    /**
     * Pinned rather than sampled: for every month, quarter, half and year that begins in 2023 or on 1 January
     * 2024, in Beijing (UTC+8 all year), Paris and New York (summer time), the last second before local midnight of
     * the period's first day is in the period before, and midnight itself is in the period: in Java and in SQL.
     */
    @Example
    void javaAndSqlStartEveryPeriodAtLocalMidnightOfItsFirstDay() throws Exception {
        // Hand-worked: 1 July 2023 00:00 in Beijing is 30 June 16:00 UTC; in Paris (summer, UTC+2) 22:00 UTC.
        assertThat(Period.parse(Period.Kind.QUARTER, "2023-Q3").start(ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2023-06-30T16:00:00Z"));
        assertThat(Period.parse(Period.Kind.HALF, "2023-H2").start(ZoneId.of("Europe/Paris")))
                .isEqualTo(Instant.parse("2023-06-30T22:00:00Z"));
        int checked = 0;
        for (ZoneId zone : ZONES) {
            for (Period.Kind kind : Period.Kind.values()) {
                List<Instant> instants = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                for (Period period = Period.of(kind, LocalDate.of(2023, 1, 1));
                        !period.firstDay().isAfter(LocalDate.of(2024, 1, 1));
                        period = Period.of(kind, period.endDay())) {
                    Instant midnight = period.firstDay().atStartOfDay(zone).toInstant();
                    instants.add(midnight.minusSeconds(1));
                    expected.add(period.previous().id());
                    instants.add(midnight);
                    expected.add(period.id());
                }
                List<List<String>> sql = sql(instants, zone);
                for (int i = 0; i < instants.size(); i++) {
                    String at = instants.get(i) + " in " + zone + " (" + instants.get(i).atZone(zone)
                            .toLocalDateTime() + " there)";
                    assertThat(Period.of(kind, instants.get(i), zone).id()).as("Java, %s", at)
                            .isEqualTo(expected.get(i));
                    assertThat(sql.get(i).get(kind.ordinal())).as("SQL, %s", at).isEqualTo(expected.get(i));
                    checked++;
                }
            }
        }
        // per zone: (12 months + 4 quarters + 2 halves + 1 year, each also on 1 January 2024) × 2 instants
        assertThat(checked).isEqualTo(3 * (13 + 5 + 3 + 2) * 2);
    }

    /** The SQL's period ids (month, quarter, half, year) of each instant, in order. */
    private static List<List<String>> sql(List<Instant> instants, ZoneId zone) throws Exception {
        // ISO text with its Z offset: the server reads it the same whatever its own time zone.
        query.setArray(1, connection.createArrayOf("text", instants.stream()
                .map(Instant::toString).toArray()));
        query.setString(2, zone.getId());
        List<List<String>> rows = new ArrayList<>(instants.size());
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                List<String> row = new ArrayList<>(Period.Kind.values().length);
                for (int k = 1; k <= Period.Kind.values().length; k++) {
                    row.add(rs.getString(k));
                }
                rows.add(row);
            }
        }
        assertThat(rows).hasSize(instants.size());
        return rows;
    }
}
