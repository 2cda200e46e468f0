package io.servicegrade.platform.database;

/** Turns a reactive PostgreSQL URL into the JDBC one and back; both name the same server and database. */
final class DatasourceUrls {

    private static final String VERTX_PREFIX = "vertx-reactive:";
    private static final String JDBC_PREFIX = "jdbc:";

    private DatasourceUrls() {
    }

    static String jdbcFromReactive(String reactiveUrl) {
        String url = reactiveUrl.startsWith(VERTX_PREFIX) ? reactiveUrl.substring(VERTX_PREFIX.length()) : reactiveUrl;
        if (url.startsWith("postgres://")) {
            url = "postgresql://" + url.substring("postgres://".length());
        }
        return JDBC_PREFIX + url;
    }

    static String reactiveFromJdbc(String jdbcUrl) {
        return jdbcUrl.startsWith(JDBC_PREFIX) ? jdbcUrl.substring(JDBC_PREFIX.length()) : jdbcUrl;
    }
}
