package io.github.civis.client.pagination;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Pagination facts the Civis API sends with a page of a list ({@code X-Pagination-*} headers).
 * Every number is {@code null} when the response did not carry the header or its value is not a
 * number; {@link #headers()} keeps the headers as sent, so that a header present with an empty
 * value (the platform sends {@code X-Pagination-Current-Page:} at times) can be told from an
 * absent one.
 *
 * @param totalEntries number of entries in the whole list
 * @param totalPages number of pages at the current page size
 * @param currentPage number of this page, starting at 1
 * @param perPage page size the server used
 * @param headers the {@code X-Pagination-*} headers as sent, by the names of this class's
 *        constants: a header sent with an empty value maps to {@code ""}, an absent one has no entry
 */
public record PageInfo(@Nullable Long totalEntries, @Nullable Long totalPages, @Nullable Long currentPage,
        @Nullable Long perPage, Map<String, String> headers) {

    /** Header giving the number of entries in the whole list. */
    public static final String TOTAL_ENTRIES = "X-Pagination-Total-Entries";
    /** Header giving the number of pages. */
    public static final String TOTAL_PAGES = "X-Pagination-Total-Pages";
    /** Header giving the number of this page. */
    public static final String CURRENT_PAGE = "X-Pagination-Current-Page";
    /** Header giving the page size. */
    public static final String PER_PAGE = "X-Pagination-Per-Page";

    private static final List<String> NAMES = List.of(TOTAL_ENTRIES, TOTAL_PAGES, CURRENT_PAGE, PER_PAGE);

    private static final PageInfo NONE = new PageInfo(null, null, null, null);

    /** Copies the headers, so that later changes to the caller's map have no effect. */
    public PageInfo {
        headers = Map.copyOf(headers);
    }

    /**
     * Page facts without the headers they came from.
     * @param totalEntries number of entries in the whole list
     * @param totalPages number of pages at the current page size
     * @param currentPage number of this page, starting at 1
     * @param perPage page size the server used
     */
    public PageInfo(@Nullable Long totalEntries, @Nullable Long totalPages, @Nullable Long currentPage,
            @Nullable Long perPage) {
        this(totalEntries, totalPages, currentPage, perPage, Map.of());
    }

    /** Page facts of a response without pagination headers. */
    public static PageInfo none() {
        return NONE;
    }

    /** Reads the pagination headers; absent or malformed ones stay {@code null}. */
    public static PageInfo from(HttpHeaders headers) {
        Map<String, String> sent = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = headers.getFirst(name);
            if (value != null) {
                sent.put(name, value);
            }
        }
        if (sent.isEmpty()) {
            return NONE;
        }
        return new PageInfo(number(sent.get(TOTAL_ENTRIES)), number(sent.get(TOTAL_PAGES)),
                number(sent.get(CURRENT_PAGE)), number(sent.get(PER_PAGE)), sent);
    }

    /**
     * One pagination header as sent.
     * @param name the header's name, in any case (e.g. {@link #CURRENT_PAGE})
     * @return its value, {@code ""} when it was sent empty; empty when it was not sent
     */
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    private static @Nullable Long number(@Nullable String value) {
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
