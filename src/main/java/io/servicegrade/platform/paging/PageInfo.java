package io.servicegrade.platform.paging;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;
import java.util.function.Function;

/** Where a page of a connection lies (Relay's PageInfo), the same for every connection. */
@Type("PageInfo")
@Description("Where a page lies in its connection (Relay). Pages go forward: pass endCursor as `after`.")
public record PageInfo(
        @Description("Whether there are edges after this page.") boolean hasNextPage,
        @Description("Whether there are edges before this page (true on every page but the first).")
        boolean hasPreviousPage,
        @Description("The cursor of the first edge; null when the page is empty.") String startCursor,
        @Description("The cursor of the last edge; null when the page is empty.") String endCursor) {

    /** The page info of {@code edges}, whose cursors {@code cursor} gives. */
    public static <E> PageInfo of(List<E> edges, Function<E, String> cursor, boolean hasNextPage,
            boolean hasPreviousPage) {
        return new PageInfo(hasNextPage, hasPreviousPage, edges.isEmpty() ? null : cursor.apply(edges.get(0)),
                edges.isEmpty() ? null : cursor.apply(edges.get(edges.size() - 1)));
    }
}
