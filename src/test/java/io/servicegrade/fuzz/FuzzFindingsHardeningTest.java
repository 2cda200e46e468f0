package io.servicegrade.fuzz;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Message;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The fuzz findings whose fix is a refusal with a particular reason: the replayed inputs (under
 * {@code <Class>Inputs/<method>/}) only show that no reader throws anything else; these show what the user is told.
 */
class FuzzFindingsHardeningTest {

    private static final Class<?> FILE = Entries.type("io.servicegrade.evaluation.ImportService$File");
    private static final Class<?> FILE_PROBLEM = Entries.type("io.servicegrade.evaluation.ImportService$FileProblem");

    /**
     * Low: invalid import files (fuzz finding) — a CSV giving the unit in two columns ({@code unit} and
     * {@code 单位}) is refused as a file problem at the header naming both columns, not an IllegalStateException
     * once its rows are resolved.
     */
    @Test
    void anImportGivingOneFieldInTwoColumnsIsRefusedNamingThem() throws IOException {
        List<String> errors = fileErrors("csv", resource("importCsv/import-duplicate-unit-column.csv"));
        assertEquals(List.of("1 单位 duplicateColumn[unit, unit, 单位]"), errors);
    }

    /**
     * Low: invalid import files (fuzz finding) — an XLSX whose part is compressed with Zstandard is refused as a
     * file problem naming the part and the method, not a NoClassDefFoundError out of the zip library.
     */
    @Test
    void anXlsxPartCompressedWithZstandardIsRefusedAsAFileProblem() throws IOException {
        List<String> errors = fileErrors("xlsx",
                resource("importXlsx/crash-d6db3f9bc8714b7045f730147201824a70639aaf"));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(true, errors.get(0).startsWith("null null unsupportedCompression["), errors.toString());
        assertEquals(true, errors.get(0).contains("ZSTD"), errors.toString());
    }

    /**
     * Low: fuzz harness — {@code ServiceGradeConfig.localZone()} outside Quarkus, with the setting blank, gives the
     * default its javadoc promises instead of throwing DateTimeException.
     */
    @Test
    void aBlankTimeZoneSettingFallsBackToTheDefault() {
        String before = System.getProperty("servicegrade.time-zone");
        System.setProperty("servicegrade.time-zone", " ");
        try {
            assertEquals(ZoneId.of(ServiceGradeConfig.DEFAULT_TIME_ZONE), ServiceGradeConfig.localZone());
        } finally {
            if (before == null) {
                System.clearProperty("servicegrade.time-zone");
            } else {
                System.setProperty("servicegrade.time-zone", before);
            }
        }
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = FuzzFindingsHardeningTest.class.getResourceAsStream("ImportFileFuzzTestInputs/"
                + path)) {
            return in.readAllBytes();
        }
    }

    /** The errors a file is refused with, each as "row column message", the message as Verdict renders it. */
    @SuppressWarnings("unchecked")
    private static List<String> fileErrors(String format, byte[] content) {
        Method read = Entries.method(FILE, "read", String.class, byte[].class, ImportFileFuzzTest.LIMITS);
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> Entries.call(read, null, format, content, ImportFileFuzzTest.FILE_LIMITS));
        assertEquals(FILE_PROBLEM, refused.getClass(), () -> "not a file problem: " + refused);
        return ((List<Object>) Entries.field(FILE_PROBLEM, "errors", refused)).stream()
                .map(e -> Entries.component(e, "row") + " " + Entries.component(e, "column") + " "
                        + Verdict.english((Message) Entries.component(e, "message")))
                .toList();
    }
}
