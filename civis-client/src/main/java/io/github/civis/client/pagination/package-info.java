/**
 * Lists the API returned, with the facts of the page they came from ({@code X-Pagination-*} headers).
 */
@NullMarked
package io.github.civis.client.pagination;

import org.jspecify.annotations.NullMarked;
