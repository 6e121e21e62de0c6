package io.github.civis.client.pagination;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Pagination facts the Civis API sends with a page of a list ({@code X-Pagination-*} headers).
 * Every value is {@code null} when the response did not carry it.
 *
 * @param totalEntries number of entries in the whole list
 * @param totalPages number of pages at the current page size
 * @param currentPage number of this page, starting at 1
 * @param perPage page size the server used
 */
public record PageInfo(@Nullable Long totalEntries, @Nullable Long totalPages, @Nullable Long currentPage,
        @Nullable Long perPage) {

    /** Header giving the number of entries in the whole list. */
    public static final String TOTAL_ENTRIES = "X-Pagination-Total-Entries";
    /** Header giving the number of pages. */
    public static final String TOTAL_PAGES = "X-Pagination-Total-Pages";
    /** Header giving the number of this page. */
    public static final String CURRENT_PAGE = "X-Pagination-Current-Page";
    /** Header giving the page size. */
    public static final String PER_PAGE = "X-Pagination-Per-Page";

    private static final PageInfo NONE = new PageInfo(null, null, null, null);

    /** Page facts of a response without pagination headers. */
    public static PageInfo none() {
        return NONE;
    }

    /** Reads the pagination headers; absent or malformed ones stay {@code null}. */
    public static PageInfo from(HttpHeaders headers) {
        return new PageInfo(number(headers, TOTAL_ENTRIES), number(headers, TOTAL_PAGES),
                number(headers, CURRENT_PAGE), number(headers, PER_PAGE));
    }

    private static @Nullable Long number(HttpHeaders headers, String name) {
        String value = headers.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
