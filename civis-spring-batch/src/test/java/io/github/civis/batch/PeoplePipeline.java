package io.github.civis.batch;

import io.github.civis.batch.CivisBatchBuilders;
import io.github.civis.batch.CivisRunTasklet;
import io.github.civis.batch.CivisSqlItemReader;
import io.github.civis.batch.CivisTableItemWriter;
import io.github.civis.client.tables.ImportOptions;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Refreshes a source with a Civis job, then loads active people into a staging table. */
@Configuration
class PeoplePipeline {

    record Person(long id, String name, String email) {
    }

    @Bean
    Job peoplePipeline(JobRepository jobRepository, Step refreshSource, Step loadPeople) {
        return new JobBuilder("peoplePipeline", jobRepository)
            .start(refreshSource)
            .next(loadPeople)
            .build();
    }

    /** Step 1: runs Civis job 4242 (an import, a script, ...) and waits for it. */
    @Bean
    Step refreshSource(JobRepository jobRepository, CivisBatchBuilders civis) {
        CivisRunTasklet tasklet = civis.runTasklet().jobId(4242).build();
        return new StepBuilder("refreshSource", jobRepository).tasklet(tasklet).build();
    }

    /** Step 2: query → items → one CSV import into staging.active_people. */
    @Bean
    Step loadPeople(JobRepository jobRepository, CivisSqlItemReader<Person> people,
            CivisTableItemWriter<Person> staging) {
        return new StepBuilder("loadPeople", jobRepository)
            .<Person, Person>chunk(1000)
            .reader(people)
            .processor(person -> person.email() == null ? null : person)   // drop people without an email
            .writer(staging)
            .build();
    }

    @Bean
    @StepScope
    CivisSqlItemReader<Person> people(CivisBatchBuilders civis,
            @Value("#{jobParameters['database'] ?: 'redshift-general'}") String database) {
        return civis.<Person>sqlReader()
            .name("people")
            .sql("SELECT id, name, email FROM public.people WHERE active")
            .database(database)
            .rowMapper(row -> new Person(row.getLong("id"), row.get("name"), row.get("email")))
            .build();
    }

    @Bean
    @StepScope
    CivisTableItemWriter<Person> staging(CivisBatchBuilders civis,
            @Value("#{jobParameters['database'] ?: 'redshift-general'}") String database) {
        return civis.<Person>tableWriter()
            .name("staging")
            .table("staging.active_people")
            .database(database)
            .existingTable(ImportOptions.ExistingTable.TRUNCATE)   // first import of the step; later ones append
            .columns("id", "name", "email")
            .cells(person -> java.util.Arrays.asList(String.valueOf(person.id()), person.name(), person.email()))
            .build();
    }
}
