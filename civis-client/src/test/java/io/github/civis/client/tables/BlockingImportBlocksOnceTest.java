package io.github.civis.client.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.RunState;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking CSV import is a thin view of the reactive one: the calling thread waits once, at
 * the edge, for the whole import (upload, import job, run, await). Traced by spying on
 * {@link BlockingWait}, the one place every blocking view of the client waits (the blocking
 * transport included): a static spy sees the calls made on the calling thread.
 */
class BlockingImportBlocksOnceTest {

    private static final String DB = "redshift-general";

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder
        .seed(new Seed().database(DB)));

    @Test
    void aBlockingCsvImportWaitsOnceOnTheCallingThread(CivisClient client, @TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("scores.csv"), "id,score\n1,10\n2,20\n");
        CivisTableTransfers transfers = client.tableTransfers();

        CivisRun run;
        try (MockedStatic<BlockingWait> waits = Mockito.mockStatic(BlockingWait.class, Mockito.CALLS_REAL_METHODS)) {
            run = transfers.importCsv(csv, "staging.blocked_once", DB, ImportOptions.defaults());

            waits.verify(() -> BlockingWait.block(Mockito.any(), Mockito.any()), Mockito.times(1));
            // the one block waits through await; no other wait on this thread (no blocking call of the API)
            waits.verify(() -> BlockingWait.await(Mockito.any(), Mockito.any(), Mockito.any()), Mockito.times(1));
        }
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(client.sql().query("SELECT * FROM staging.blocked_once", DB).rows())
            .containsExactly(List.of("1", "10"), List.of("2", "20"));
    }
}
