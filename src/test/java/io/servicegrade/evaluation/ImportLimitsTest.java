package io.servicegrade.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.servicegrade.TestApi;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static io.restassured.RestAssured.given;
import static io.servicegrade.TestApi.freshPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * What an import file may hold and how many imports may run, kept so (issue 14, finding M3 and the import-related
 * Low findings): files are read row by row and refused at the first row, cell or unpacked byte past a limit.
 */
@QuarkusTest
class ImportLimitsTest {

    private static final String HEADER = "externalId,source,unit,rubric,conductedAt,evaluator,comment";
    /** Heap the server may gain while it reads a file refused at the row limit; the old reader took gigabytes. */
    private static final long HEAP_BOUND = 256L * 1024 * 1024;

    @Inject
    Pool pool;

    @Inject
    ImportService imports;

    @Inject
    ServiceGradeConfig config;

    private record Agency(String key, long scope, long keyId) {
    }

    private Agency agency() {
        String code = freshPrefix();
        String key = TestApi.asAdmin().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("code", code, "name", "测评公司")).post("/api/v1/agencies").then().statusCode(201)
                .extract().path("key");
        var row = pool.preparedQuery("SELECT a.id, min(k.id) FROM agency a JOIN api_key k ON k.agency_id = a.id"
                + " WHERE a.code = $1 GROUP BY a.id").execute(Tuple.of(code)).await().indefinitely().iterator().next();
        return new Agency(key, row.getLong(0), row.getLong(1));
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next()
                .getLong(0);
    }

    private static int post(String key, String contentType, byte[] file) {
        return given().header("X-Api-Key", key).contentType(contentType).body(file).post("/api/v1/imports")
                .then().statusCode(202).extract().path("id");
    }

    private static JsonPath job(String key, int id) {
        return given().header("X-Api-Key", key).get("/api/v1/imports/{id}", id).then().statusCode(200).extract()
                .jsonPath();
    }

    /** Waits for the job to end; answers it. */
    private static JsonPath finished(String key, int id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = job(key, id);
            if (List.of("succeeded", "failed").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish in 120 s");
    }

    /** Heap in use after a full collection. */
    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Waits for the job to end, collecting now and then: answers the job and the most heap that stayed in use
     * (after a collection) above what was in use before it began.
     */
    private static Map.Entry<JsonPath, Long> finishedWithHeap(String key, int id, long before)
            throws InterruptedException {
        long most = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            most = Math.max(most, heapAfterGc() - before);
            JsonPath job = job(key, id);
            if (List.of("succeeded", "failed").contains(job.getString("status"))) {
                System.out.printf("Import %d: %d MiB of heap kept in use at most while it ran%n", id, most >> 20);
                return Map.entry(job, most);
            }
            // Not too often: each look is a full collection, which pauses the server too.
            Thread.sleep(500);
        }
        throw new AssertionError("import " + id + " did not finish in 180 s");
    }

    /**
     * M3: a 30-million-row XLSX file of a few megabytes fails at row 100,001 of evaluations (the sheet's row
     * 100,002, under the header) while it is read, with the heap bounded: the rows past the limit are never read.
     * (The file is read on a worker thread: read on the event loop, it would fail with an internal error.)
     */
    @Test
    void aThirtyMillionRowXlsxFailsAtTheRowLimitWithTheHeapBounded() throws Exception {
        Agency agency = agency();
        String header = "<row>" + inline("externalId") + inline("source") + inline("unit") + inline("rubric")
                + inline("conductedAt") + "</row>";
        String row = "<row>" + inline("x") + "<c><v>1</v></c></row>";
        byte[] xlsx = xlsx(header, row, 50_000, 600);
        assertThat(xlsx.length).as("a few megabytes").isLessThan(16 * 1024 * 1024);
        long before = heapAfterGc();

        int id = post(agency.key(), ImportResource.XLSX, xlsx);
        Map.Entry<JsonPath, Long> result = finishedWithHeap(agency.key(), id, before);

        JsonPath job = result.getKey();
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getList("errors")).hasSize(1);
        assertThat(job.getInt("errors[0].row")).isEqualTo(100_002);
        assertThat(job.getString("errors[0].message.en")).contains("At most 100000 evaluations per file")
                .contains("row 100002");
        assertThat(job.getString("errors[0].message.zh-CN")).contains("第 100002 行");
        assertThat(result.getValue()).as("heap kept in use while reading").isLessThan(HEAP_BOUND);
    }

    /** M3: a CSV file of three million rows fails at row 100,001 of evaluations, with the heap bounded. */
    @Test
    void aCsvOverTheRowLimitFailsAtItWithTheHeapBounded() throws Exception {
        Agency agency = agency();
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        String row = "x,survey,u,r,2025-01-01\n";
        csv.append(row.repeat(1_300_000));
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        csv = null;
        long before = heapAfterGc();

        int id = post(agency.key(), "text/csv", file);
        Map.Entry<JsonPath, Long> result = finishedWithHeap(agency.key(), id, before);

        JsonPath job = result.getKey();
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getInt("errors[0].row")).isEqualTo(100_002);
        assertThat(job.getString("errors[0].message.en")).contains("row 100002");
        assertThat(result.getValue()).as("heap kept in use while reading").isLessThan(HEAP_BOUND);
    }

    /**
     * M3: an XLSX file that unpacks to more than {@code servicegrade.imports.max-unpacked-size} (a zip bomb: a
     * small file of blank space) is refused once it passes the budget, quickly, having stored nothing.
     */
    @Test
    void aZipBombIsRefusedOnceItUnpacksPastTheBudget() throws Exception {
        Agency agency = agency();
        String header = "<row>" + inline("externalId") + inline("source") + inline("unit") + inline("rubric")
                + inline("conductedAt") + "</row>";
        // 600 × 1 MiB of spaces between the rows: over the 256 MiB budget, a few hundred kilobytes packed.
        String blank = " ".repeat(1024 * 1024);
        byte[] xlsx = xlsx(header, blank, 1, 600);
        assertThat(xlsx.length).isLessThan(4 * 1024 * 1024);

        long started = System.nanoTime();
        JsonPath job = finished(agency.key(), post(agency.key(), ImportResource.XLSX, xlsx));

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("errors[0].message.en")).isEqualTo(
                "The file unpacks to more than 256 MiB; it is refused without being read further.");
        assertThat(job.getString("errors[0].message.zh-CN")).contains("解压后超过 256 MiB");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(count("SELECT count(*) FROM evaluation WHERE agency_scope = $1", agency.scope())).isZero();
    }

    /**
     * M3: a cell longer than {@code servicegrade.imports.max-cell-length} (32,767 characters) fails the file,
     * naming its row and column, in a CSV file and in an XLSX file's shared strings alike.
     */
    @Test
    void anOverLongCellFailsTheFileAtItsRowAndColumn() throws Exception {
        Agency agency = agency();
        String p = freshPrefix();
        String w = TestApi.window();
        String longText = "长".repeat(config.imports().maxCellLength() + 1);
        String csv = HEADER + "\n"
                + p + "-1,survey," + w + ",customer-satisfaction-5,2025-10-02,张三,ok\n"
                + p + "-2,survey," + w + ",customer-satisfaction-5,2025-10-02,李四," + longText + "\n";

        JsonPath job = finished(agency.key(), post(agency.key(), "text/csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getInt("errors[0].row")).isEqualTo(3);
        assertThat(job.getString("errors[0].column")).isEqualTo("comment");
        assertThat(job.getString("errors[0].message.en")).isEqualTo("is longer than 32767 characters");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "servicegrade-test", "1.0");
        Worksheet sheet = workbook.newWorksheet("测评");
        String[] columns = HEADER.split(",");
        for (int c = 0; c < columns.length; c++) {
            sheet.value(0, c, columns[c]);
        }
        String[] cells = {p + "-3", "survey", w, "customer-satisfaction-5", "2025-10-02", longText, "ok"};
        for (int c = 0; c < cells.length; c++) {
            sheet.value(1, c, cells[c]);
        }
        workbook.finish();

        job = finished(agency.key(), post(agency.key(), ImportResource.XLSX, out.toByteArray()));

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getInt("errors[0].row")).isEqualTo(2);
        assertThat(job.getString("errors[0].column")).isEqualTo("evaluator");
        assertThat(job.getString("errors[0].message.zh-CN")).isEqualTo("超过 32767 个字符");
        assertThat(count("SELECT count(*) FROM evaluation WHERE agency_scope = $1", agency.scope())).isZero();
    }

    /**
     * Low: invalid UTF-8 in a CSV import: the file fails at the row and column of the bad byte, and nothing is
     * stored (it was silently replaced by U+FFFD and stored); a BOM is still accepted.
     */
    @Test
    void invalidUtf8InACsvFailsAtItsRowAndColumnAndStoresNothing() throws Exception {
        Agency agency = agency();
        String p = freshPrefix();
        String w = TestApi.window();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write("\uFEFF".getBytes(StandardCharsets.UTF_8));
        csv.write((HEADER + ",q.overall,q.attitude,q.efficiency,q.environment,q.competence\n"
                + p + "-1,survey," + w + ",customer-satisfaction-5,2025-10-02,张三,,satisfied,N/A,N/A,N/A,N/A\n"
                + p + "-2,survey," + w + ",customer-satisfaction-5,2025-10-02,李").getBytes(StandardCharsets.UTF_8));
        csv.write(new byte[] {(byte) 0xC3, 0x28});
        csv.write(",,satisfied,N/A,N/A,N/A,N/A\n".getBytes(StandardCharsets.UTF_8));

        JsonPath job = finished(agency.key(), post(agency.key(), "text/csv", csv.toByteArray()));

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getList("errors")).hasSize(1);
        assertThat(job.getInt("errors[0].row")).isEqualTo(3);
        assertThat(job.getString("errors[0].column")).isEqualTo("evaluator");
        assertThat(job.getString("errors[0].message.en")).startsWith("is not valid UTF-8");
        given().header("X-Api-Key", agency.key()).get("/api/v1/evaluations").then().statusCode(200)
                .body("items.size()", equalTo(0));

        // The same file, its bad byte mended: with its BOM, it is imported.
        String mended = new String(csv.toByteArray(), StandardCharsets.UTF_8).replace("\uFFFD(", "四");
        job = finished(agency.key(), post(agency.key(), "text/csv", mended.getBytes(StandardCharsets.UTF_8)));
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("succeeded");
        assertThat(job.getInt("result.created")).isEqualTo(2);
    }

    /** Low: a failed job lets its file go (it kept it forever): its errors stay, its content is gone. */
    @Test
    void aFailedJobLetsItsFileGo() throws Exception {
        Agency agency = agency();
        String csv = HEADER + "\n" + "x,survey,NOPE,customer-satisfaction-5,2025-10-02,,\n";

        int id = post(agency.key(), "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        JsonPath job = finished(agency.key(), id);

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("errors[0].column")).isEqualTo("unit");
        assertThat(count("SELECT octet_length(content) FROM import_job WHERE id = $1", (long) id)).isZero();
    }

    /**
     * M3: imports are limited per agency ({@code servicegrade.imports.per-agency}: 429) and overall
     * ({@code servicegrade.imports.concurrent}: 503), both with {@code Retry-After}; a refused upload makes no job.
     */
    @Test
    void uploadsPastTheConcurrentImportCapsAreRefusedAndMakeNoJob() throws Exception {
        Agency busy = agency();
        Agency other = agency();
        ServiceGradeConfig.Imports settings = config.imports();
        SqlConnection holder = pool.getConnection().await().indefinitely();
        List<Long> held = new ArrayList<>();
        try {
            // Unfinished jobs that no instance can run: the test's own connection holds their claims.
            for (int i = 0; i < settings.perAgency(); i++) {
                held.add(heldJob(holder, busy));
            }
            String csv = HEADER + "\nx,survey,u,r,2025-10-02,,\n";

            Response refused = given().header("X-Api-Key", busy.key()).contentType("text/csv").body(csv)
                    .post("/api/v1/imports");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("30");
            assertThat(refused.jsonPath().getString("detail"))
                    .contains("This agency has " + settings.perAgency() + " imports unfinished");
            assertThat(count("SELECT count(*) FROM import_job WHERE agency_scope = $1", busy.scope()))
                    .isEqualTo(settings.perAgency());

            long unfinished = pool.query("SELECT count(*) FROM import_job WHERE status IN ('queued', 'running')")
                    .execute().await().indefinitely().iterator().next().getLong(0);
            for (long i = unfinished; i < settings.concurrent(); i++) {
                held.add(heldJob(holder, other));
            }
            Agency idle = agency();

            refused = given().header("X-Api-Key", idle.key()).contentType("text/csv").body(csv)
                    .post("/api/v1/imports");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("30");
            assertThat(refused.jsonPath().getString("detail"))
                    .contains("running " + settings.concurrent() + " imports already");
            assertThat(count("SELECT count(*) FROM import_job WHERE agency_scope = $1", idle.scope())).isZero();
        } finally {
            for (long id : held) {
                holder.preparedQuery("UPDATE import_job SET status = 'failed', content = ''::bytea WHERE id = $1")
                        .execute(Tuple.of(id)).await().indefinitely();
            }
            holder.close().await().indefinitely();
        }
    }

    /** A queued job of the agency whose claim {@code holder}'s session holds, as a running instance would. */
    private static long heldJob(SqlConnection holder, Agency agency) {
        return holder.preparedQuery("INSERT INTO import_job (agency_scope, key_id, filename, format, content, status)"
                + " VALUES ($1, $2, 'held.csv', 'csv', '\\x'::bytea, 'queued')"
                + " RETURNING id, pg_try_advisory_lock($3, id::int) AS held")
                .execute(Tuple.of(agency.scope(), agency.keyId(), ImportClaims.IMPORT_JOBS)).await().indefinitely()
                .iterator().next().getLong("id");
    }

    /**
     * M3: a job found unfinished after a restart is resumed once (its resumes counted); one found unfinished again
     * after it was resumed once is marked failed, with its reason in both languages, and its file let go, instead
     * of being run again (a file that brought the server down would bring it down at every start).
     */
    @Test
    void aJobResumedOnceAndFoundUnfinishedAgainIsMarkedFailed() throws Exception {
        Agency agency = agency();
        String p = freshPrefix();
        String w = TestApi.window();
        byte[] csv = (HEADER + ",q.overall,q.attitude,q.efficiency,q.environment,q.competence\n"
                + p + ",survey," + w + ",customer-satisfaction-5,2025-10-02,,,satisfied,N/A,N/A,N/A,N/A\n")
                .getBytes(StandardCharsets.UTF_8);
        // As an instance that stopped while running them leaves them: 'running', held by no one.
        long first = leftRunning(agency, csv, 0);
        long again = leftRunning(agency, csv, 1);

        imports.resumeUnfinished();

        JsonPath resumed = finished(agency.key(), (int) first);
        assertThat(resumed.getString("status")).as(resumed.prettify()).isEqualTo("succeeded");
        assertThat(count("SELECT resumes FROM import_job WHERE id = $1", first)).isEqualTo(1);
        JsonPath failed = finished(agency.key(), (int) again);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("errors[0].message.en")).contains("it is not run once more");
        assertThat(failed.getString("errors[0].message.zh-CN")).contains("不再运行");
        assertThat(count("SELECT octet_length(content) FROM import_job WHERE id = $1", again)).isZero();
        assertThat(count("SELECT count(*) FROM evaluation WHERE agency_scope = $1", agency.scope())).isEqualTo(1);
    }

    private long leftRunning(Agency agency, byte[] csv, int resumes) {
        return pool.preparedQuery("INSERT INTO import_job (agency_scope, key_id, filename, format, content, status,"
                + " resumes) VALUES ($1, $2, 'left.csv', 'csv', $3, 'running', $4) RETURNING id")
                .execute(Tuple.of(agency.scope(), agency.keyId(), io.vertx.core.buffer.Buffer.buffer(csv), resumes))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private static String inline(String text) {
        return "<c t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /**
     * An XLSX file whose first sheet holds {@code header} then {@code chunks} × {@code perChunk} copies of
     * {@code repeated}, zipped by hand: the repeated part is deflated once, after a full flush, and its bytes
     * written {@code chunks} times, so a file that unpacks to gigabytes is made in a second.
     */
    static byte[] xlsx(String header, String repeated, int perChunk, int chunks) {
        String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        Map<String, byte[]> small = new java.util.LinkedHashMap<>();
        small.put("[Content_Types].xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas"
                + ".openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application"
                + "/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application"
                + "/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\""
                + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>").getBytes(StandardCharsets.UTF_8));
        small.put("_rels/.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas"
                + ".openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rels
                + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").getBytes(StandardCharsets.UTF_8));
        small.put("xl/workbook.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + ns
                + "\" xmlns:r=\"" + rels + "\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                + "</workbook>").getBytes(StandardCharsets.UTF_8));
        small.put("xl/_rels/workbook.xml.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                + "http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                + rels + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
                .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        int entries = 0;
        for (Map.Entry<String, byte[]> part : small.entrySet()) {
            CRC32 crc = new CRC32();
            crc.update(part.getValue());
            byte[] packed = deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), part.getValue(), true);
            entry(zip, directory, part.getKey(), crc.getValue(), List.of(packed), part.getValue().length);
            entries++;
        }
        byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + ns + "\"><sheetData>"
                + header).getBytes(StandardCharsets.UTF_8);
        byte[] chunk = repeated.repeat(perChunk).getBytes(StandardCharsets.UTF_8);
        byte[] tail = "</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] packedHead = deflate(deflater, head, false);
        byte[] packedChunk = deflate(deflater, chunk, false);
        byte[] packedTail = deflate(new Deflater(Deflater.BEST_COMPRESSION, true), tail, true);
        CRC32 crc = new CRC32();
        crc.update(head);
        for (int i = 0; i < chunks; i++) {
            crc.update(chunk);
        }
        crc.update(tail);
        List<byte[]> data = new ArrayList<>();
        data.add(packedHead);
        for (int i = 0; i < chunks; i++) {
            data.add(packedChunk);
        }
        data.add(packedTail);
        long size = head.length + (long) chunk.length * chunks + tail.length;
        assertThat(size).as("within a plain zip's 4 GiB").isLessThan(0xFFFF_FFFFL);
        entry(zip, directory, "xl/worksheets/sheet1.xml", crc.getValue(), data, size);
        entries++;
        int directoryAt = zip.size();
        zip.writeBytes(directory.toByteArray());
        writeInt(zip, 0x06054b50);
        writeShort(zip, 0);
        writeShort(zip, 0);
        writeShort(zip, entries);
        writeShort(zip, entries);
        writeInt(zip, directory.size());
        writeInt(zip, directoryAt);
        writeShort(zip, 0);
        return zip.toByteArray();
    }

    /** {@code input} deflated: to the end of the stream ({@code finish}), or to a full flush. */
    private static byte[] deflate(Deflater deflater, byte[] input, boolean finish) {
        deflater.setInput(input);
        if (finish) {
            deflater.finish();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int n = deflater.deflate(buffer, 0, buffer.length, finish ? Deflater.NO_FLUSH : Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
            if (finish ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream zip, ByteArrayOutputStream directory, String name, long crc,
            List<byte[]> data, long size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long packed = data.stream().mapToLong(d -> d.length).sum();
        int at = zip.size();
        writeInt(zip, 0x04034b50);
        writeShort(zip, 20);
        writeShort(zip, 0);
        writeShort(zip, 8);
        writeShort(zip, 0);
        writeShort(zip, 0x21);
        writeInt(zip, (int) crc);
        writeInt(zip, (int) packed);
        writeInt(zip, (int) size);
        writeShort(zip, nameBytes.length);
        writeShort(zip, 0);
        zip.writeBytes(nameBytes);
        data.forEach(zip::writeBytes);
        writeInt(directory, 0x02014b50);
        writeShort(directory, 20);
        writeShort(directory, 20);
        writeShort(directory, 0);
        writeShort(directory, 8);
        writeShort(directory, 0);
        writeShort(directory, 0x21);
        writeInt(directory, (int) crc);
        writeInt(directory, (int) packed);
        writeInt(directory, (int) size);
        writeShort(directory, nameBytes.length);
        writeShort(directory, 0);
        writeShort(directory, 0);
        writeShort(directory, 0);
        writeShort(directory, 0);
        writeInt(directory, 0);
        writeInt(directory, at);
        directory.writeBytes(nameBytes);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        writeShort(out, value & 0xffff);
        writeShort(out, (value >>> 16) & 0xffff);
    }
}
