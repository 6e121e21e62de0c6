package io.github.civis.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.github.civis.batch.CivisBatchBuilders;
import io.github.civis.batch.CivisSqlItemReader;
import io.github.civis.batch.CivisTableItemWriter;
import io.github.civis.batch.CsvCells;
import io.github.civis.batch.CsvRowMapper;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.tables.ImportOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /pipelines/copy} with {@code {"from": "schema.table", "to": "schema.table",
 * "database": "..."}} copies a table with a Spring Batch job of the Civis reader and writer: the
 * rows of {@code SELECT * FROM from} are passed on unchanged and imported into {@code to}
 * (replaced if it exists) with one import run. {@code database} defaults to
 * {@code sample.sql.database}. Answers {@code 200} with the job's execution id, status, read and
 * write counts and the number of import runs; a failed job is a 422 problem carrying the step's
 * exit description; a table name that is not {@code schema.table} is a 400 problem naming it.
 *
 * <p>The job repository is Spring Boot's default for Spring Batch 6: in memory, one job at a time
 * and nothing kept across restarts of the application; copies are therefore run one after the
 * other. An application with a DataSource and {@code spring-boot-starter-batch-jdbc} keeps its
 * executions in the database, where a failed copy can be restarted. A local demo endpoint, like
 * the SQL ones: it reads and replaces whatever tables it is given.
 */
@RestController
class PipelinesController {

    /** An unquoted SQL identifier: letters, digits, {@code _} and {@code $}, not starting with a digit. */
    private static final Pattern SCHEMA_TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*\\.[A-Za-z_][A-Za-z0-9_$]*");

    private static final int CHUNK_SIZE = 1000;

    /** A line of a stack trace that names a frame, or the frames left out. */
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more).*");

    private final CivisBatchBuilders civis;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final String defaultDatabase;

    PipelinesController(CivisBatchBuilders civis, JobRepository jobRepository, JobOperator jobOperator,
            @Value("${sample.sql.database:" + SqlController.DEFAULT_DATABASE + "}") String defaultDatabase) {
        this.civis = civis;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.defaultDatabase = defaultDatabase;
    }

    /** What to copy. */
    record CopyRequest(@Nullable String from, @Nullable String to, @Nullable String database) {
    }

    @PostMapping("/pipelines/copy")
    synchronized ResponseEntity<?> copy(@RequestBody CopyRequest request) throws Exception {
        String from = tableName("from", request.from());
        String to = tableName("to", request.to());
        String database = (request.database() == null || request.database().isBlank()) ? this.defaultDatabase
                : request.database();
        JobExecution execution = this.jobOperator.start(copyJob(from, to, database), new JobParametersBuilder()
            .addString("from", from)
            .addString("to", to)
            .addString("database", database)
            // Each request is a new copy, also of tables copied before.
            .addString("request", UUID.randomUUID().toString())
            .toJobParameters());
        StepExecution step = execution.getStepExecutions().iterator().next();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    withoutStackFrames(step.getExitStatus().getExitDescription()));
            problem.setTitle("Copy " + execution.getStatus().name().toLowerCase(java.util.Locale.ROOT));
            problem.setProperty("jobExecutionId", execution.getId());
            problem.setProperty("status", execution.getStatus().name());
            problem.setProperty("exitCode", step.getExitStatus().getExitCode());
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobExecutionId", execution.getId());
        answer.put("status", execution.getStatus().name());
        answer.put("readCount", step.getReadCount());
        answer.put("writeCount", step.getWriteCount());
        answer.put("importRuns", step.getExecutionContext().getInt("destination.import.runs", 0));
        return ResponseEntity.ok(answer);
    }

    /** The copy job: the reader, rows passed on as they are, the writer; one step. */
    private Job copyJob(String from, String to, String database) {
        CivisSqlItemReader<CsvRow> reader = this.civis.<CsvRow>sqlReader()
            .name("source")
            .sql("SELECT * FROM " + from)
            .database(database)
            .rowMapper(CsvRowMapper.identity())
            .build();
        CivisTableItemWriter<CsvRow> writer = this.civis.<CsvRow>tableWriter()
            .name("destination")
            .table(to)
            .database(database)
            .existingTable(ImportOptions.ExistingTable.DROP)
            .cells(CsvCells.ofRow())
            .build();
        return new JobBuilder("copy", this.jobRepository)
            .start(new StepBuilder("copy", this.jobRepository).<CsvRow, CsvRow>chunk(CHUNK_SIZE)
                .reader(reader)
                .writer(writer)
                .build())
            .build();
    }

    private static String tableName(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(field, field + " is required: the table as schema.table");
        }
        if (!SCHEMA_TABLE.matcher(value).matches()) {
            throw new BadInputException(field, field + " must be schema.table (letters, digits and _, no quotes or "
                    + "spaces), was '" + value + "'");
        }
        return value;
    }

    /**
     * The exit description without its stack frames: the failure's message and those of its
     * causes ({@code Caused by: ...}), the platform's error and log tail included.
     */
    private static String withoutStackFrames(String description) {
        return description.lines()
            .filter(line -> !STACK_FRAME.matcher(line).matches())
            .collect(java.util.stream.Collectors.joining("\n"));
    }
}
