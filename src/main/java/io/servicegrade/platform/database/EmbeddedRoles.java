package io.servicegrade.platform.database;

import org.postgresql.util.PasswordUtil;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Who may reach the embedded PostgreSQL and with what: its access rules ({@code pg_hba.conf}: a password for every
 * connection, none for replication), the application's role, and what that role may do in the schema. The
 * application connects as {@link EmbeddedDatabase#APP}, which may read and write rows and nothing else: it cannot
 * change the schema, create roles, run programs ({@code COPY ... TO PROGRAM}) or read the server's files. The schema
 * belongs to {@link EmbeddedDatabase#OWNER}, the superuser Flyway migrates as.
 */
final class EmbeddedRoles {

    /**
     * The whole of {@code pg_hba.conf}, written at every start. No {@code trust}, no {@code replication} line
     * (physical replication is matched only by such a line, so it is refused); SCRAM passwords on the socket and on
     * the loopback addresses, the only ones the server listens on. The application's role reaches only its database.
     */
    static final String ACCESS_RULES = """
            # Written by ServiceGrade at every start of its embedded PostgreSQL (platform/database/EmbeddedRoles):
            # edits here are replaced. Every connection needs a password (see docs/operations.md); no replication.
            """ + rule("# TYPE", "DATABASE", "USER", "ADDRESS", "METHOD")
            + rule("local", "all", EmbeddedDatabase.OWNER, "", "scram-sha-256")
            + rule("host", "all", EmbeddedDatabase.OWNER, "127.0.0.1/32", "scram-sha-256")
            + rule("host", "all", EmbeddedDatabase.OWNER, "::1/128", "scram-sha-256")
            + rule("local", EmbeddedDatabase.DATABASE, EmbeddedDatabase.APP, "", "scram-sha-256")
            + rule("host", EmbeddedDatabase.DATABASE, EmbeddedDatabase.APP, "127.0.0.1/32", "scram-sha-256")
            + rule("host", EmbeddedDatabase.DATABASE, EmbeddedDatabase.APP, "::1/128", "scram-sha-256");

    /** Creates the application's role if missing; resets its attributes and password to the kept ones. */
    private static final String APP_ROLE = """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                    CREATE ROLE %1$s;
                END IF;
            END $$;
            ALTER ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
                CONNECTION LIMIT -1 PASSWORD '%2$s';
            """;

    /**
     * What the application's role may do, granted again after every migration so that a table a new migration
     * creates is covered at the same start: rows of every table but Flyway's history, the sequences behind them.
     * It may connect to its database only; roles not named here may not connect or make temporary tables there.
     */
    private static final String GRANTS = """
            REVOKE ALL ON DATABASE %2$s FROM PUBLIC;
            GRANT CONNECT ON DATABASE %2$s TO %1$s;
            GRANT USAGE ON SCHEMA public TO %1$s;
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %1$s;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %1$s;
            DO $$ BEGIN
                IF to_regclass('public.flyway_schema_history') IS NOT NULL THEN
                    REVOKE ALL ON TABLE public.flyway_schema_history FROM %1$s;
                END IF;
                -- the audit log is append-only for the application (issue 16)
                IF to_regclass('public.audit_event') IS NOT NULL THEN
                    REVOKE UPDATE, DELETE, TRUNCATE ON TABLE public.audit_event FROM %1$s;
                END IF;
            END $$;
            """.formatted(EmbeddedDatabase.APP, EmbeddedDatabase.DATABASE);

    private EmbeddedRoles() {
    }

    /**
     * The application's role, made or brought to what it must be, with the password kept for it (sent as a SCRAM
     * verifier, so the password itself never reaches the server or its log).
     */
    static void ensureApp(Statement owner, String password) throws SQLException {
        owner.execute(APP_ROLE.formatted(EmbeddedDatabase.APP, verifier(password)));
    }

    /** Grants the application's role what it needs on what the migrations made; run as the owner. */
    static void grant(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute(GRANTS);
        }
    }

    /** {@code ALTER ROLE ... PASSWORD} with the SCRAM-SHA-256 verifier of {@code password} (no quote can occur). */
    static String alterPassword(String role, String password) {
        return "ALTER ROLE " + role + " PASSWORD '" + verifier(password) + "'";
    }

    private static String rule(String type, String database, String user, String address, String method) {
        return "%-8s%-14s%-18s%-16s%s\n".formatted(type, database, user, address, method);
    }

    private static String verifier(String password) {
        return PasswordUtil.encodeScramSha256(password.toCharArray());
    }
}
