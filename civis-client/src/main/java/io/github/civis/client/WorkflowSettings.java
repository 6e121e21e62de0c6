package io.github.civis.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.lookup.LookupCache;
import io.github.civis.client.runs.CivisRunListener;
import io.github.civis.client.runs.RunPolling;
import io.github.civis.client.runs.RunTimer;

/**
 * What {@link CivisClient.Builder} says about the workflows, as {@link Workflows} builds them.
 *
 * @param runPolling the polling schedule of every wait for a run
 * @param runListener told about every wait for a run
 * @param runTimer times the waits between polls, or {@code null} for the client's timer thread
 * @param lookupCache the cache the lookups keep their answers in
 * @param fileTransfers the file transfer settings, their listeners combined
 * @param workflowTimeout how long SQL queries, exports and table imports are awaited by default
 */
record WorkflowSettings(RunPolling runPolling, CivisRunListener runListener, @Nullable RunTimer runTimer,
        LookupCache lookupCache, FileTransferSettings fileTransfers, Duration workflowTimeout) {
}
