package io.servicegrade.report;

import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one pager of the report lists (issue 20, {@code templates/tags/pager.html} over {@link Pager}): the board's and
 * the appeals and complaints lists' link to every page, the rectification orders' links before and after, nothing
 * when there is no other page.
 */
@QuarkusTest
class PagerTest {

    @Inject
    Engine engine;

    private String render(Pager pager) {
        return engine.parse("{#pager pager=pager label='Pages' /}").data("pager", pager)
                .setAttribute("locale", java.util.Locale.ENGLISH).render();
    }

    @Test
    void everyPageIsLinkedTheCurrentOneMarked() {
        List<BoardRows.PageLink> links = List.of(new BoardRows.PageLink(1, "/l?page=1", false),
                new BoardRows.PageLink(2, "/l?page=2", true), new BoardRows.PageLink(3, "/l?page=3", false));
        assertThat(render(new Pager(links, null, null))).isEqualTo("""
                <nav class="pager no-print" aria-label="Pages">
                  <ul><li><a href="/l?page=1">Page 1</a></li><li><span aria-current="page">Page 2</span></li>\
                <li><a href="/l?page=3">Page 3</a></li></ul>
                </nav>
                """);
    }

    @Test
    void thePagesBeforeAndAfterAreLinkedWhenOnlyTheyAreKnown() {
        assertThat(render(new Pager(List.of(), "/l?page=1", "/l?page=3"))).isEqualTo("""
                <nav class="pager no-print" aria-label="Pages">
                  <ul><li><a href="/l?page=1" rel="prev">Previous page</a></li>\
                <li><a href="/l?page=3" rel="next">Next page</a></li></ul>
                </nav>
                """);
        assertThat(render(new Pager(List.of(), null, "/l?page=2"))).doesNotContain("rel=\"prev\"")
                .contains("rel=\"next\"");
    }

    @Test
    void aSinglePageHasNoPager() {
        assertThat(render(new Pager(List.of(new BoardRows.PageLink(1, "/l?page=1", true)), null, null))).isBlank();
        assertThat(render(new Pager(List.of(), null, null))).isBlank();
    }
}
