package io.servicegrade.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold a secret (the first admin key, the embedded database's passwords): readable and writable by the
 * server's own account only (0600), made so from the start rather than tightened after they were written. On a file
 * system without POSIX permissions (the embedded database runs on Linux only) the file is made plainly.
 */
public final class SecretFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    /** Writes {@code content} to a new file {@code file} (one there before is replaced), mode 0600. */
    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Another process wrote " + file + " at the same time", e);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    /** Puts a copy made by hand (cp, a backup restored), which may have lost its mode, back to 0600. */
    public static void keepOwnerOnly(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions to put back
        }
    }
}
