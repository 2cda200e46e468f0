package io.servicegrade.report;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;

/**
 * A list's pager (issue 20), drawn by {@code templates/tags/pager.html} under the board, the appeals and complaints
 * lists and the rectification orders: a link to every page ({@code pages}, the current one marked), or only the
 * links to the pages before and after ({@code previous}, {@code next}; null: none). Shown only when there is
 * another page to go to.
 */
@TemplateData
public record Pager(List<BoardRows.PageLink> pages, String previous, String next) {

    /** The links to pages 1 to {@code pages} of {@code page}'s list, page {@code current} marked. */
    static List<BoardRows.PageLink> links(Page page, int pages, int current) {
        List<BoardRows.PageLink> links = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            links.add(new BoardRows.PageLink(p, page.with("page", Integer.toString(p)), p == current));
        }
        return links;
    }

    /** Whether the pager is drawn: another page to link to. */
    public boolean shown() {
        return pages.size() > 1 || previous != null || next != null;
    }
}
