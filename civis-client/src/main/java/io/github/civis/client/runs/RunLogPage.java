package io.github.civis.client.runs;

import java.util.List;

import io.github.civis.client.model.RunLog;
import org.jspecify.annotations.Nullable;

/**
 * One answer of the logs route: the lines after {@code last_id}, plus what its headers say.
 *
 * @param lines the lines, in id order
 * @param maxId {@code civis-max-id}: the latest line's id so far; {@code null} before any line
 * @param mayWriteMore whether {@code civis-cache-control} said {@code no-store} (more lines may
 *        come); {@code null} when the header was absent
 */
record RunLogPage(List<RunLog> lines, @Nullable Long maxId, @Nullable Boolean mayWriteMore) {

    static final String MAX_ID_HEADER = "civis-max-id";

    static final String CACHE_CONTROL_HEADER = "civis-cache-control";
}
