package io.github.civis.batch;

import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.runs.RunState;

/**
 * Counts what the simulator ran, read through the API: the CSV imports into a table and the SQL
 * exports (queries whose results are read), by the names the workflows give their jobs.
 */
final class SimulatorCounts {

    private SimulatorCounts() {
    }

    /** Runs that succeeded, of the import jobs into that table. */
    static long successfulImportRuns(CivisClient client, String table) {
        return runsOfJobsNamed(client, "civis-java import into " + table).stream()
            .filter(run -> RunState.of(run.state()) == RunState.SUCCEEDED)
            .count();
    }

    /** The import jobs into that table, with the number of runs of each that succeeded. */
    static List<Long> successfulRunsPerImportJob(CivisClient client, String table) {
        return jobIdsNamed(client, "civis-java import into " + table).stream()
            .map(id -> client.jobs().listRuns(id).stream()
                .filter(run -> RunState.of(run.state()) == RunState.SUCCEEDED).count())
            .toList();
    }

    /** Runs of SQL export scripts: one per query whose result was read. */
    static long queryRuns(CivisClient client) {
        return runsOfJobsNamed(client, "civis-java export").size();
    }

    private static List<JobRun> runsOfJobsNamed(CivisClient client, String name) {
        return jobIdsNamed(client, name).stream().flatMap(id -> client.jobs().listRuns(id).stream()).toList();
    }

    private static List<Long> jobIdsNamed(CivisClient client, String name) {
        return client.jobs().listAll(q -> q.hidden(true))
            .filter(job -> name.equals(job.name()))
            .map(job -> job.id())
            .toList();
    }
}
