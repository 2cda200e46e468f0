package io.servicegrade.bench;

import java.time.OffsetDateTime;
import java.util.Random;

/**
 * The benchmark's data, the same for the same seed: an organisation of 20 branches, 25 outlets each and the
 * windows under them; batches of postal-rubric inspections; and a year of evaluations written by SQL.
 */
public final class BenchData {

    static final int BRANCHES = 20;
    static final int OUTLETS_PER_BRANCH = 25;
    static final OffsetDateTime BATCH_TIME = OffsetDateTime.parse("2026-01-20T10:00:00+08:00");

    private static final String[] ITEMS = {"org.setup", "org.reporting", "env.lobby", "env.layout", "fac.public-info",
            "fac.hours", "fac.convenience", "fac.equipment", "eti.appearance", "eti.demeanour", "eti.attitude",
            "eti.language", "qual.supervision", "qual.discipline", "mgmt.registers", "mgmt.rules", "mgmt.supplies"};

    private BenchData() {
    }

    /** The code of window {@code w}: windows are spread over the outlets in turn. */
    static String window(int w) {
        int outlet = w % (BRANCHES * OUTLETS_PER_BRANCH);
        return "B." + outlet / OUTLETS_PER_BRANCH + "." + outlet % OUTLETS_PER_BRANCH + ".W" + w;
    }

    /** The bureau, its branches (a third rural) and outlets, as one PUT /api/v1/units body. */
    static String groups() {
        StringBuilder units = new StringBuilder("[{\"code\":\"B\",\"name\":\"基准局 Bench bureau\",\"kind\":\"region\","
                + "\"area\":\"urban\"}");
        for (int b = 0; b < BRANCHES; b++) {
            units.append(",{\"code\":\"B.").append(b).append("\",\"name\":\"分局 Branch ").append(b)
                    .append("\",\"kind\":\"branch\",\"parent\":\"B\",\"area\":\"")
                    .append(b % 3 == 0 ? "rural" : "urban").append("\"}");
            for (int o = 0; o < OUTLETS_PER_BRANCH; o++) {
                units.append(",{\"code\":\"B.").append(b).append('.').append(o).append("\",\"name\":\"网点 Outlet ")
                        .append(b).append('.').append(o).append("\",\"kind\":\"outlet\",\"parent\":\"B.").append(b)
                        .append("\"}");
            }
        }
        return units.append(']').toString();
    }

    /** Windows {@code from} to {@code to} (exclusive), as one PUT /api/v1/units body. */
    static String windows(int from, int to) {
        StringBuilder batch = new StringBuilder("[");
        for (int w = from; w < to; w++) {
            String code = window(w);
            batch.append(w == from ? "" : ",").append("{\"code\":\"").append(code).append("\",\"name\":\"窗口 Window ")
                    .append(w).append("\",\"kind\":\"window\",\"parent\":\"")
                    .append(code, 0, code.lastIndexOf('.')).append("\",\"serviceLine\":\"counter\"}");
        }
        return batch.append(']').toString();
    }

    /** A batch of postal inspections with varied findings, conducted in the days before {@code when}. */
    static String batch(Random random, String prefix, int number, int size, int windows, OffsetDateTime when) {
        StringBuilder json = new StringBuilder(size * 1200).append("{\"evaluations\":[");
        for (int i = 0; i < size; i++) {
            json.append(i > 0 ? "," : "").append(evaluation(random, prefix + "-" + number + "-" + i,
                    window(random.nextInt(windows)), when.minusMinutes(random.nextInt(20_000))));
        }
        return json.append("]}").toString();
    }

    /** One postal inspection of {@code unit} at {@code when}, every item answered, findings drawn from {@code random}. */
    public static String evaluation(Random random, String externalId, String unit, OffsetDateTime when) {
        StringBuilder json = new StringBuilder(1200);
        json.append("{\"externalId\":\"").append(externalId).append("\",\"source\":\"inspection\",\"unit\":\"")
                .append(unit).append("\",\"rubric\":\"postal-counter-model-window\",\"conductedAt\":\"")
                .append(when).append("\",\"evaluator\":\"insp-").append(random.nextInt(40)).append("\",\"answers\":[");
        for (String item : ITEMS) {
            json.append("{\"item\":\"").append(item).append("\",\"violations\":").append(random.nextInt(3) / 2)
                    .append("},");
        }
        return json.append("{\"item\":\"signage.identity\",\"pass\":").append(random.nextInt(50) > 0).append("},")
                .append("{\"item\":\"env.service-officer\",\"violations\":0},")
                .append("{\"item\":\"eti.protocol\",\"observations\":[{\"seconds\":")
                .append(600 + random.nextInt(500)).append("}]},")
                .append("{\"item\":\"mgmt.security\",\"violations\":").append(random.nextInt(4) / 3).append("},")
                .append("{\"item\":\"cap.time-limits\",\"observations\":[{\"limit\":\"remittance\",\"seconds\":")
                .append(250 + random.nextInt(200)).append(",\"amount\":").append(random.nextInt(40_000))
                .append("}]},")
                .append("{\"item\":\"cap.it-indicators\",\"rates\":{\"upload-rate\":")
                .append(95 + random.nextInt(50) / 10.0).append(",\"address-match-rate\":")
                .append(85 + random.nextInt(150) / 10.0).append("}},")
                .append("{\"item\":\"out.revenue\",\"notApplicable\":true},")
                .append("{\"item\":\"out.overall\",\"rate\":").append(80 + random.nextInt(200) / 10.0)
                .append("}]}").toString();
    }

    /**
     * One statement that writes {@code count} evaluations over 2025 for the first {@code windows} windows: each
     * window gets inspections and mystery-shop visits in every quarter, scores from 70 to 100, one in 997 vetoed.
     * Set-based, so a million rows take seconds; the standings are then prepared by POST /recompute.
     */
    static String yearOfEvaluations(int count, int windows, String prefix) {
        return "INSERT INTO evaluation (agency_scope, external_id, source, unit_id, rubric_key, rubric_version,"
                + " conducted_at, revision, status, score, vetoed, answers, evidence, breakdown, content_hash)"
                + " SELECT 0, '" + prefix + "-' || g, CASE WHEN g / " + windows + " % 2 = 0 THEN 'inspection'"
                + " ELSE 'mystery_shop' END, u.id, 'postal-counter-model-window', 1,"
                + " timestamptz '2025-01-01 00:00+08' + (g % 365) * interval '1 day' + (g % 600) * interval '1 minute',"
                + " 1, 'active', round((70 + (g * 7919 % 3000) / 100.0)::numeric, 2), g % 997 = 0, '[]', '[]',"
                + " '{}', 'bench'"
                + " FROM generate_series(1::bigint, " + count + ") g"
                + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM unit WHERE kind = 'window'"
                + " AND code LIKE 'B.%') u ON u.n = g % " + windows;
    }
}
