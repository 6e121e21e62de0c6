package io.github.civis.batch;

import java.nio.file.Path;

import io.github.civis.client.CivisClient;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.tables.ImportOptions;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** A job copying a table with the reader and the writer, as a user would define it. */
final class CopyJobs {

    private CopyJobs() {
    }

    static Job copy(JobRepository repository, CivisClient client, String from, String to, String database,
            int chunkSize, long importEvery, Path spool, ItemProcessor<CsvRow, CsvRow> processor) {
        CivisSqlItemReader<CsvRow> reader = new CivisSqlItemReaderBuilder<CsvRow>()
            .name("source")
            .civisSql(client.sql())
            .sql("SELECT * FROM " + from)
            .database(database)
            .rowMapper(CsvRowMapper.identity())
            .build();
        CivisTableItemWriter<CsvRow> writer = new CivisTableItemWriterBuilder<CsvRow>()
            .name("destination")
            .client(client)
            .jobRepository(repository)
            .table(to)
            .database(database)
            .existingTable(ImportOptions.ExistingTable.DROP)
            .cells(CsvCells.ofRow())
            .importEvery(importEvery)
            .spoolDirectory(spool)
            .build();
        return new JobBuilder("copy-" + to, repository)
            .start(new StepBuilder("copy", repository).<CsvRow, CsvRow>chunk(chunkSize)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .build())
            .build();
    }
}
