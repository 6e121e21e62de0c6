package io.github.civis.client.transport;

import org.springframework.http.HttpHeaders;

import io.github.civis.client.pagination.PageInfo;

/**
 * Status and headers of a successful response.
 *
 * @param status the HTTP status code
 * @param headers the response headers (read-only)
 */
public record ResponseMetadata(int status, HttpHeaders headers) {

    /** The {@code X-Pagination-*} headers of the response. */
    public PageInfo pageInfo() {
        return PageInfo.from(headers);
    }
}
