package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.civis.simulator.state.StoredObject;
import io.github.civis.simulator.sql.CsvFormat;
import io.github.civis.simulator.sql.CsvImports;
import io.github.civis.simulator.sql.SqlEngine;
import io.github.civis.simulator.sql.SqlParameters;
import io.github.civis.simulator.sql.TableTransfers;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the jobs the simulator carries out do: a SQL script's query and its result file (one CSV
 * or a multifile manifest), a CSV export, a CSV import, a table transfer (dbsync) and a CSV
 * preprocessing job; why a run of one fails when it starts; and the platform's defaults for
 * their options.
 */
final class SqlJobs extends ApiArea {

    private final CsvImports csvImports;

    private final TableTransfers transfers;

    SqlJobs(State state) {
        super(state);
        this.csvImports = new CsvImports(databases, files::contentFile);
        this.transfers = new TableTransfers(databases);
    }

    /** Why a job or query fails because its code holds {@link CivisApi#FAILURE_MARKER}, or {@code null}. */
    static @Nullable String failure(ObjectNode job) {
        for (String field : List.of("sql", "source", "dockerCommand", "command")) {
            JsonNode code = job.get(field);
            if (code != null && code.isString() && code.stringValue().contains(CivisApi.FAILURE_MARKER)) {
                return "Simulated failure: the job's " + field + " contains " + CivisApi.FAILURE_MARKER;
            }
        }
        return null;
    }

    /**
     * The result file of a finished SQL run, stored like an uploaded file: the rows of a query
     * over a seeded table as its CSV settings ask, else a small fixed CSV.
     */
    ObjectNode sqlOutput(long ownerId, ObjectNode job) {
        long fileId = store.nextId();
        String name = "output.csv";
        // A SQL script carries its query and csvSettings; a CSV export its source and options.
        boolean export = !job.has("sql");
        String query = export ? job.path("source").path("sql").asString("") : SqlParameters.expand(job);
        long databaseId = (export ? job.path("source") : job).path("remoteHostId").asLong(-1);
        JsonNode options = export ? exportSettings(job) : job.path("csvSettings");
        Optional<SqlEngine.Result> result = Optional.empty();
        try {
            result = sql.select(databaseId, query);
        }
        catch (SqlEngine.SqlException ex) {
            // Checked when the run started; a table dropped since then leaves the fixed result.
        }
        if (result.isPresent()) {
            CsvFormat.ExportSettings settings = CsvFormat.ExportSettings.from(options);
            if (options.path("forceMultifile").asBoolean(false)) {
                name = settings.fileName().replaceFirst("\\.csv(\\.gz|\\.zip)?$", "") + "_manifest.json";
                writeManifest(fileId, query, result.get(), settings, options.path("maxFileSize"), ownerId);
            }
            else {
                name = settings.fileName();
                storeCsv(fileId, result.get(), settings);
            }
        }
        else {
            files.store(fileId, CivisApi.SQL_RESULT);
        }
        // Result files of SQL runs are kept for 36 hours on the platform.
        addOutputFile(fileId, name, ownerId, java.time.Duration.ofHours(36));
        ObjectNode output = NODES.objectNode();
        output.put("objectType", "File");
        output.put("objectId", fileId);
        output.put("name", name);
        output.put("link", baseUrl.get() + "files/" + fileId);
        output.putNull("value");
        return output;
    }

    /** A CSV export's options in the shape of a SQL script's {@code csvSettings}. */
    private static ObjectNode exportSettings(ObjectNode export) {
        ObjectNode settings = NODES.objectNode();
        for (String field : List.of("includeHeader", "compression", "columnDelimiter", "forceMultifile", "maxFileSize")) {
            if (export.has(field)) {
                settings.set(field, export.get(field));
            }
        }
        JsonNode prefix = export.path("destination").path("filenamePrefix");
        if (prefix.isString()) {
            settings.set("filenamePrefix", prefix);
        }
        return settings;
    }

    /**
     * Writes a multifile export as the platform does: the rows, without a header, in parts of
     * at most {@code maxFileSize} MB (one part when not given), each a stored file, and as the
     * run's file the manifest that lists them: {@code query}, {@code header}, {@code entries}
     * ({@code id}, {@code name}, {@code size}, {@code url}, {@code url_signed}) and the
     * {@code unquoted}, {@code compression} and {@code delimiter} the parts were written with.
     */
    private void writeManifest(long manifestId, String query, SqlEngine.Result result, CsvFormat.ExportSettings settings,
            JsonNode maxFileSize, long ownerId) {
        long limit = maxFileSize.isNumber() && maxFileSize.asLong() > 0 ? maxFileSize.asLong() * 1024 * 1024 : Long.MAX_VALUE;
        String extension = settings.fileName().substring(settings.fileName().indexOf(".csv"));
        String prefix = settings.fileName().substring(0, settings.fileName().indexOf(".csv"));
        ObjectNode manifest = NODES.objectNode();
        manifest.put("query", query);
        ArrayNode header = manifest.putArray("header");
        result.columns().forEach(header::add);
        ArrayNode entries = manifest.putArray("entries");
        List<List<@Nullable String>> part = new ArrayList<>();
        long partSize = 0;
        java.util.Iterator<List<@Nullable String>> rows = result.rows().iterator();
        while (rows.hasNext() || !part.isEmpty() || entries.isEmpty()) {
            if (rows.hasNext() && partSize < limit) {
                List<@Nullable String> row = rows.next();
                part.add(row);
                partSize += row.stream().mapToLong(cell -> (cell != null) ? cell.length() + 1 : 1).sum();
                continue;
            }
            long partId = store.nextId();
            String name = prefix + String.format(java.util.Locale.ROOT, "_%04d_part_00", entries.size()) + extension;
            CsvFormat.ExportSettings partSettings = new CsvFormat.ExportSettings(false, settings.delimiter(),
                    settings.compression(), settings.unquoted(), name);
            storeCsv(partId, new SqlEngine.Result(result.columns(), List.copyOf(part)), partSettings);
            addOutputFile(partId, name, ownerId, java.time.Duration.ofHours(36));
            ObjectNode entry = entries.addObject();
            entry.put("id", partId);
            entry.put("name", name);
            entry.put("size", files.size(partId).orElse(0L));
            entry.put("url", "s3://civis-simulator/files/" + partId + "/" + name);
            entry.put("url_signed", downloadUrl(partId));
            part.clear();
            partSize = 0;
        }
        manifest.put("unquoted", settings.unquoted());
        manifest.put("compression", settings.compression());
        manifest.put("delimiter", String.valueOf(settings.delimiter()));
        files.store(manifestId, manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Gives the options of jobs the simulator carries out (SQL scripts, CSV imports) the
     * platform's defaults where the caller sent none, instead of sample values.
     */
    static void platformDefaults(String collection, ObjectNode object, ObjectNode sent) {
        if (collection.equals("/scripts/sql")) {
            ObjectNode settings = NODES.objectNode();
            settings.put("includeHeader", true);
            settings.put("compression", "gzip");
            settings.put("columnDelimiter", "comma");
            settings.put("unquoted", false);
            settings.put("forceMultifile", false);
            settings.putNull("filenamePrefix");
            settings.putNull("maxFileSize");
            if (sent.path("csvSettings").isObject()) {
                settings.setAll((ObjectNode) sent.get("csvSettings"));
            }
            object.set("csvSettings", settings);
        }
        if (collection.equals(CSV_EXPORT_COLLECTION)) {
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            defaults.put("includeHeader", NODES.booleanNode(true));
            defaults.put("compression", NODES.stringNode("gzip"));
            defaults.put("columnDelimiter", NODES.stringNode("comma"));
            defaults.put("hidden", NODES.booleanNode(false));
            defaults.put("forceMultifile", NODES.booleanNode(false));
            defaults.put("maxFileSize", NODES.nullNode());
            defaults.forEach((field, value) -> {
                if (!sent.has(field)) {
                    object.set(field, value);
                }
            });
        }
        if (collection.equals(PREPROCESS_COLLECTION)) {
            // As the platform answers: detection fields stay null until a run has detected them.
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            defaults.put("inPlace", NODES.booleanNode(true));
            defaults.put("detectTableColumns", NODES.booleanNode(false));
            defaults.put("forceCharacterSetConversion", NODES.booleanNode(false));
            defaults.put("includeHeader", NODES.nullNode());
            defaults.put("columnDelimiter", NODES.nullNode());
            defaults.put("hidden", NODES.booleanNode(false));
            defaults.forEach((field, value) -> {
                if (!sent.has(field)) {
                    object.set(field, value);
                }
            });
        }
        if (collection.equals("/imports/files/csv")) {
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            defaults.put("columnDelimiter", NODES.stringNode("comma"));
            defaults.put("escaped", NODES.booleanNode(false));
            defaults.put("compression", NODES.stringNode("none"));
            defaults.put("existingTableRows", NODES.stringNode("fail"));
            defaults.put("maxErrors", NODES.nullNode());
            defaults.put("tableColumns", NODES.arrayNode());
            defaults.put("loosenTypes", NODES.booleanNode(false));
            defaults.put("execution", NODES.stringNode("delayed"));
            defaults.forEach((field, value) -> {
                if (!sent.has(field)) {
                    object.set(field, value);
                }
            });
        }
    }

    /**
     * Why a new run of a job fails, or {@code null}: the failure marker, a query over a table or
     * database that does not exist, or an import that cannot be done (a successful import
     * changes its table when the run starts).
     */
    @Nullable String startFailure(StoredObject job) {
        String failure = failure(job.body());
        if (failure != null) {
            return failure;
        }
        if (job.body().has("sql")) {
            try {
                sql.select(job.body().path("remoteHostId").asLong(-1), SqlParameters.expand(job.body()));
            }
            catch (SqlEngine.SqlException ex) {
                return ex.platformMessage();
            }
        }
        if (TableTransfers.isDbsync(job.body())) {
            try {
                transfers.run(store.locked(() -> job.body().deepCopy()));
            }
            catch (CsvImports.ImportException ex) {
                return ex.getMessage();
            }
        }
        if (job.collection().equals("/imports/files/csv")) {
            try {
                csvImports.run(job.body());
            }
            catch (CsvImports.ImportException ex) {
                return ex.getMessage();
            }
        }
        if (job.collection().equals(CSV_EXPORT_COLLECTION)) {
            try {
                sql.select(job.body().path("source").path("remoteHostId").asLong(-1),
                        job.body().path("source").path("sql").asString(""));
            }
            catch (SqlEngine.SqlException ex) {
                return ex.platformMessage();
            }
        }
        if (job.collection().equals(PREPROCESS_COLLECTION)) {
            try {
                detect(store.locked(() -> job.body().deepCopy()));
            }
            catch (CsvImports.ImportException ex) {
                return ex.getMessage();
            }
        }
        return null;
    }

    /** What a preprocessing job detects in its file, with the delimiter and header it was told, if any. */
    private io.github.civis.simulator.sql.CsvDetection detect(ObjectNode job) {
        long fileId = job.path("fileId").asLong(-1);
        byte[] bytes = files.content(fileId)
            .orElseThrow(() -> new CsvImports.ImportException("File " + fileId + " has no content to preprocess"));
        JsonNode delimiter = job.path("columnDelimiter");
        JsonNode header = job.path("includeHeader");
        return io.github.civis.simulator.sql.CsvDetection.detect(bytes,
                delimiter.isString() ? delimiter.stringValue() : null,
                header.isBoolean() ? header.asBoolean() : null);
    }

    /**
     * Carries out a preprocessing job when its run starts: detects the file's layout, writes it
     * to the job (its {@code includeHeader} and {@code columnDelimiter} when not given) and to
     * the {@code detectedInfo} of the file it leaves (the same file in place, else a copy), and
     * returns the output that names that file.
     */
    ObjectNode preprocess(StoredObject job) {
        ObjectNode body = store.locked(() -> job.body().deepCopy());
        io.github.civis.simulator.sql.CsvDetection detected = detect(body);
        long fileId = body.path("fileId").asLong(-1);
        String name = store.get("/files", fileId).map(f -> f.body().path("name").asString("file-" + fileId))
            .orElse("file-" + fileId);
        long targetId = fileId;
        if (!body.path("inPlace").asBoolean(true)) {
            targetId = store.nextId();
            files.store(targetId, files.content(fileId).orElseThrow());
            addOutputFile(targetId, name, job.ownerId(), java.time.Duration.ofDays(30));
        }
        ObjectNode info = NODES.objectNode();
        info.put("includeHeader", detected.includeHeader());
        info.put("columnDelimiter", detected.columnDelimiter());
        info.put("compression", detected.compression());
        ArrayNode columns = info.putArray("tableColumns");
        if (body.path("detectTableColumns").asBoolean(false)) {
            detected.columns().forEach(column -> columns.addObject().put("name", column.name())
                .put("sqlType", column.sqlType()));
        }
        store.get("/files", targetId).ifPresent(file -> {
            ObjectNode updated = store.locked(() -> file.body().deepCopy());
            updated.set("detectedInfo", info);
            store.update(file, updated);
        });
        if (!body.path("includeHeader").isBoolean()) {
            body.put("includeHeader", detected.includeHeader());
        }
        if (!body.path("columnDelimiter").isString()) {
            body.put("columnDelimiter", detected.columnDelimiter());
        }
        store.update(job, body);
        ObjectNode output = NODES.objectNode();
        output.put("objectType", "File");
        output.put("objectId", targetId);
        output.put("name", name);
        output.put("link", baseUrl.get() + "files/" + targetId);
        output.putNull("value");
        return output;
    }

    /** Writes a query result as a stored file's CSV, streamed to disk: where SQL output is written. */
    private void storeCsv(long fileId, SqlEngine.Result result, CsvFormat.ExportSettings settings) {
        java.nio.file.Path temporary = files.newTemporary();
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(temporary),
                64 * 1024)) {
            CsvFormat.write(out, result.columns(), result.rows(), settings);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        files.store(fileId, temporary);
    }
}
