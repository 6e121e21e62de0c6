package io.github.civis.batch;

import java.util.ArrayList;
import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The reader reads a query's rows once, and a reader restarted from a saved execution context
 * reads the same result on from where it stopped without running the query again.
 */
class CivisSqlItemReaderTest {

    private static final String DB = "redshift-general";

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(builder -> builder
        .seed(new Seed().database(DB).table(DB, "source.items", TrickyRows.COLUMNS, 1_000, TrickyRows::row)));

    @Test
    void restartedFromTheSavedContextReadsOnWithoutRunningTheQueryAgain(CivisClient client) throws Exception {
        ExecutionContext context = new ExecutionContext();
        CivisSqlItemReader<List<String>> first = reader(client);
        first.open(context);
        for (int i = 0; i < 400; i++) {
            first.read();
        }
        first.update(context);
        first.close();
        long queriesBefore = SimulatorCounts.queryRuns(client);

        CivisSqlItemReader<List<String>> restarted = reader(client);
        restarted.open(context);
        List<List<String>> rest = new ArrayList<>();
        for (List<String> row = restarted.read(); row != null; row = restarted.read()) {
            rest.add(row);
        }
        restarted.close();

        assertThat(queriesBefore).isOne();
        assertThat(SimulatorCounts.queryRuns(client)).isOne();
        assertThat(rest).hasSize(600);
        assertThat(rest.get(0)).isEqualTo(TrickyRows.row(400));
        assertThat(rest.get(599)).isEqualTo(TrickyRows.row(999));
    }

    @Test
    void builderNamesWhatIsMissing(CivisClient client) {
        assertThatIllegalStateException()
            .isThrownBy(() -> new CivisSqlItemReaderBuilder<CsvRow>().civisSql(client.sql()).sql("SELECT 1")
                .database(DB).rowMapper(CsvRowMapper.identity()).build())
            .withMessageContaining("name(");
    }

    private static CivisSqlItemReader<List<String>> reader(CivisClient client) {
        return new CivisSqlItemReaderBuilder<List<String>>()
            .name("items")
            .civisSql(client.sql())
            .sql("SELECT * FROM source.items")
            .database(DB)
            .rowMapper(CsvRow::values)
            .build();
    }
}
