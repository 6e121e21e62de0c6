package io.github.civis.sample;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.civis.client.api.FilesApi;
import io.github.civis.client.api.TablesApi;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.lookup.TableName;
import io.github.civis.client.model.DatabaseTable;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.ExportOptions;
import io.github.civis.client.sql.SqlExport;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.client.tables.ImportOptions;

/**
 * SQL and tables through the sample. {@code GET /sql/stream?sql=…} runs a query and streams its
 * result back as CSV, header row first; {@code POST /tables/{schema}.{table}/import} makes a
 * {@code text/csv} request body that table, replacing it if it exists. Both work on the database
 * {@code sample.sql.database} unless the request names another with {@code ?database=}.
 *
 * <p><strong>Local demo endpoints only:</strong> they run any SQL they are sent with the API key's
 * default database credential, and an import replaces (drops) the table it names. The sample
 * listens on 127.0.0.1 for that reason ({@code server.address}); never expose them.
 *
 * <p>Neither holds the data in memory: the result file is copied from the storage connection to
 * the response a buffer at a time; the request body is spooled to a temporary file as it is read
 * (the file upload needs the length and may retry parts), then uploaded to Civis from that file,
 * which is deleted afterwards. The import body is bounded by {@code sample.max-import-size}
 * (default 1 GB, a 413 problem past it), not by the 1 MB limit of JSON bodies. What the
 * caller got wrong (a malformed table name, an unknown database) is a 400 problem carrying the
 * reason; SQL that fails or a CSV the import rejects is a failed run, which {@link CivisErrorHandler}
 * answers with a 422 problem carrying the platform's error text and the run's log tail, as for any run.
 */
@RestController
class SqlController {

    /** The database used when {@code sample.sql.database} is not set. */
    static final String DEFAULT_DATABASE = "redshift-general";

    private static final String TEXT_CSV = "text/csv";

    private final CivisSql sql;
    private final CivisTableTransfers tableTransfers;
    private final TablesApi tables;
    private final FilesApi files;
    private final CivisFileTransfers transfers;
    private final CivisLookups lookups;
    private final String defaultDatabase;

    SqlController(CivisSql sql, CivisTableTransfers tableTransfers, TablesApi tables, FilesApi files,
            CivisFileTransfers transfers, CivisLookups lookups,
            @Value("${sample.sql.database:" + DEFAULT_DATABASE + "}") String defaultDatabase) {
        this.sql = sql;
        this.tableTransfers = tableTransfers;
        this.tables = tables;
        this.files = files;
        this.transfers = transfers;
        this.lookups = lookups;
        this.defaultDatabase = defaultDatabase;
    }

    /**
     * Runs the query and streams its result as {@code text/csv}, header row first, with the result
     * file's size as {@code Content-Length} when the platform reports it. The query has ended
     * before the first byte is sent, so that a failing query is a 422 problem rather than a broken
     * download.
     */
    @GetMapping("/sql/stream")
    void stream(@RequestParam String sql, @RequestParam(required = false) @Nullable String database,
            HttpServletResponse response) throws IOException {
        if (sql.isBlank()) {
            throw new BadInputException("sql", "sql must not be blank");
        }
        SqlExport export = this.sql.export(sql, database(database),
                ExportOptions.defaults().withCompression(ExportOptions.Compression.NONE));
        if (export.fileIds().size() != 1) {
            // One file is what the platform writes unless asked for several; each would repeat the header.
            throw new SeveralResultFilesException(export);
        }
        long fileId = export.fileIds().get(0);
        // With the size, the client can tell a download cut short from a complete one.
        new StreamedDownload("the result of run " + export.runId() + " (file " + fileId + ")",
                TEXT_CSV + ";charset=UTF-8")
            .contentLength(this.files.get(fileId).fileSize())
            .writeTo(response, out -> this.transfers.download(fileId, out));
    }

    /**
     * Makes the CSV request body (header row first) the table, replacing it if it exists, and
     * answers with the import run's final state.
     */
    @PostMapping(path = "/tables/{table}/import", consumes = TEXT_CSV)
    Map<String, Object> importCsv(@PathVariable String table, @RequestParam(required = false) @Nullable String database,
            InputStream body) throws IOException {
        TableName name;
        try {
            name = TableName.parse(table);
        }
        catch (IllegalArgumentException ex) {
            throw new BadInputException("table", ex.getMessage());
        }
        BufferedInputStream csv = new BufferedInputStream(body);
        csv.mark(1);
        if (csv.read() < 0) {
            throw new BadInputException("body", "The request body is empty: send the CSV, header row first");
        }
        csv.reset();
        String target = database(database);
        CivisRun run = this.tableTransfers.importCsv(csv, name.sql(), target,
                ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.DROP));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("table", name.schema() + "." + name.table());
        answer.put("database", target);
        answer.put("jobId", run.jobId());
        answer.put("runId", run.runId());
        answer.put("state", run.state().wireName());
        Long rows = rowCount(name, target);
        if (rows != null) {
            answer.put("rows", rows);
        }
        return answer;
    }

    /**
     * An import body that went past {@code sample.max-import-size} while it was read: a 413
     * problem. The failed read reaches here wrapped in the upload's error, which names it as cause.
     */
    @ExceptionHandler(RequestSizeLimitFilter.BodyTooLargeException.class)
    ProblemDetail tooLarge(RequestSizeLimitFilter.BodyTooLargeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
        problem.setTitle("Request body too large");
        return problem;
    }

    /** A result the platform wrote as several files, which this endpoint does not join: a 502 problem. */
    @ExceptionHandler(SeveralResultFilesException.class)
    ProblemDetail severalFiles(SeveralResultFilesException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
        problem.setTitle("Result in several files");
        problem.setProperty("fileIds", ex.export.fileIds());
        return problem;
    }

    /** An unknown database: the problem names the closest ones. */
    @ExceptionHandler(CivisLookupException.class)
    ProblemDetail unknownName(CivisLookupException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Unknown name");
        problem.setProperty("closestMatches", ex.closestMatches());
        return problem;
    }

    /** The platform wrote the result as several files; each would repeat the header row. */
    static final class SeveralResultFilesException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient SqlExport export;

        SeveralResultFilesException(SqlExport export) {
            super("The result came as " + export.fileIds().size() + " files; this endpoint streams a result of one "
                    + "file (download them one by one from /files/{id})");
            this.export = export;
        }

    }

    private String database(@Nullable String requested) {
        return (requested == null || requested.isBlank()) ? this.defaultDatabase : requested;
    }

    /** The table's row count as the platform reports it, read afresh: a replaced table has a new id. */
    private @Nullable Long rowCount(TableName name, String database) {
        long databaseId = this.lookups.databaseId(database);
        return this.tables.list(q -> q.databaseId(databaseId).schema(name.schema()).name(name.table())).stream()
            .filter(t -> name.table().equalsIgnoreCase(t.name()) && name.schema().equalsIgnoreCase(t.schema()))
            .findFirst()
            .map(DatabaseTable::rowCount)
            .orElse(null);
    }

}
