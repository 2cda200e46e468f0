package io.servicegrade.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every report page shows around its content: language, title, the scheme and period it is about (the
 * print header), when it was printed, and links that keep the page's own query (language switch, sorting,
 * paging, CSV). {@code csrf} is the CSRF token of the reader's session (its sign-out form carries it), null when
 * not signed in. {@code signedInAs} says who is signed in (issue 16: a person's display name and roles, in the
 * page's language), null for an API key's session or none; {@code administrator} whether the reader may see the
 * account administration page.
 */
public record Page(ReportLanguage lang, String title, String subtitle, String printedAt, String path,
        Map<String, String> query, String csrf, String signedInAs, boolean administrator) {

    public Page {
        query = new LinkedHashMap<>(query);
        query.values().removeIf(v -> v == null || v.isBlank());
    }

    public Page(ReportLanguage lang, String title, String subtitle, String printedAt, String path,
            Map<String, String> query, String csrf) {
        this(lang, title, subtitle, printedAt, path, query, csrf, null, false);
    }

    public boolean signedIn() {
        return csrf != null;
    }

    public String langTag() {
        return lang.tag();
    }

    /** This page with one query parameter set (or removed, for null). */
    public String with(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(query);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        return path + (next.isEmpty() ? "" : "?" + next.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    public String otherLanguage() {
        return with("lang", lang.other().tag());
    }

    public String otherLanguageName() {
        return lang.chinese() ? "English" : "中文";
    }

    public String otherLanguageTag() {
        return lang.other().tag();
    }

    /** The CSV of one of the page's tables. */
    public String csv(String table) {
        return download(table, "csv");
    }

    /** The XLSX workbook of one of the page's tables (issue 20). */
    public String xlsx(String table) {
        return download(table, "xlsx");
    }

    private String download(String table, String format) {
        Map<String, String> next = new LinkedHashMap<>(query);
        next.remove("page");
        next.put("format", format);
        next.put("table", table);
        return new Page(lang, title, subtitle, printedAt, path, next, csrf).with("lang", lang.tag());
    }

    /** Sorting by a column: descending first for numbers' sake, ascending when already descending. */
    public String sort(String column) {
        boolean descending = column.equals(query.get("sort")) && !"asc".equals(query.get("dir"));
        Map<String, String> next = new LinkedHashMap<>(query);
        next.remove("page");
        next.put("sort", column);
        next.put("dir", descending ? "asc" : "desc");
        return new Page(lang, title, subtitle, printedAt, path, next, csrf).with("lang", lang.tag());
    }

    /** The aria-sort state of a column. */
    public String sortState(String column) {
        if (!column.equals(query.get("sort"))) {
            return "none";
        }
        return "asc".equals(query.get("dir")) ? "ascending" : "descending";
    }

    public String param(String name) {
        return query.getOrDefault(name, "");
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
