package io.servicegrade.platform.database;

import io.servicegrade.platform.SecretFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The passwords of the embedded PostgreSQL's two roles, made at random on the first start and kept in
 * {@code pg.password} beside the data directory, readable by this account only (0600). The file is a libpq and
 * pgJDBC password file, so an operator's {@code PGPASSFILE=data/pg.password psql ...} signs in without typing one.
 *
 * @param owner the password of {@link EmbeddedDatabase#OWNER}, the superuser that owns the schema (Flyway's)
 * @param app the password of {@link EmbeddedDatabase#APP}, the role the application's pools connect as
 * @param created whether this start made them (the server's roles must then be told)
 */
record EmbeddedCredentials(String owner, String app, boolean created) {

    static final String FILE = "pg.password";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The password file of the embedded server whose data directory is {@code dataDirectory}. */
    static Path fileOf(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().normalize().resolveSibling(FILE);
    }

    /** Reads the passwords kept for {@code dataDirectory}, or makes and keeps new ones if there are none. */
    static EmbeddedCredentials loadOrCreate(Path dataDirectory) throws IOException {
        Path file = fileOf(dataDirectory);
        if (Files.exists(file)) {
            SecretFiles.keepOwnerOnly(file);
            return read(file);
        }
        EmbeddedCredentials made = new EmbeddedCredentials(randomPassword(), randomPassword(), true);
        Path partial = file.resolveSibling(FILE + ".partial");
        SecretFiles.write(partial, made.passFile());
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return made;
    }

    /** The passwords in {@code file} (a password file as {@link #passFile()} writes it). */
    static EmbeddedCredentials read(Path file) throws IOException {
        String owner = null;
        String app = null;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] fields = line.split(":", 5);
            if (fields.length == 5 && fields[3].equals(EmbeddedDatabase.OWNER)) {
                owner = fields[4].trim();
            } else if (fields.length == 5 && fields[3].equals(EmbeddedDatabase.APP)) {
                app = fields[4].trim();
            }
        }
        if (owner == null || owner.isEmpty() || app == null || app.isEmpty()) {
            throw new IOException(file + " does not hold the passwords of " + EmbeddedDatabase.OWNER + " and "
                    + EmbeddedDatabase.APP + "; move it away and start again to make new ones");
        }
        return new EmbeddedCredentials(owner, app, false);
    }

    /** One line per role, {@code host:port:database:user:password}, any host, port and database. */
    String passFile() {
        return String.join("\n", List.of("*:*:*:" + EmbeddedDatabase.OWNER + ":" + owner,
                "*:*:*:" + EmbeddedDatabase.APP + ":" + app)) + "\n";
    }

    /** 32 random bytes, base64url: 43 characters that need no quoting in SQL, URLs or a password file. */
    static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[created=" + created + "]";
    }
}
