package io.github.civis.client.internal.pagination;

import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.transport.ResponseReader;

/**
 * One page of a paginated list while walking it.
 *
 * @param number the page number requested, starting at 1
 * @param elements the elements and the page facts the API sent
 * @param <T> the element type
 */
public record Page<T>(long number, CivisList<T> elements) {

    /**
     * Reads a page body.
     * @param number the page number requested
     * @param element reads one element
     * @param <T> the element type
     * @return a reader producing the page
     */
    public static <T> ResponseReader<Page<T>> reader(long number, Function<JsonNode, T> element) {
        return (body, metadata) -> new Page<>(number, CivisList.read(body, metadata.pageInfo(), element));
    }

    /**
     * Whether no page follows this one: the last page by {@code X-Pagination-Total-Pages} when
     * the API sent it, else an empty page. An empty page always ends the walk, so that a server
     * reporting more pages than it has cannot make the walk loop forever.
     */
    public boolean isLast() {
        Long totalPages = elements.pageInfo().totalPages();
        return elements.isEmpty() || (totalPages != null && number >= totalPages);
    }
}
