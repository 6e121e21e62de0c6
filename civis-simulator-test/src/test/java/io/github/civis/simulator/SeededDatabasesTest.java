package io.github.civis.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.Credential;
import io.github.civis.client.model.Database;
import io.github.civis.client.model.DatabaseTable;
import io.github.civis.client.model.FilePostResponse;
import io.github.civis.client.model.ImportFileCsv;
import io.github.civis.client.model.ImportFileCsvRun;
import io.github.civis.client.model.QueryPostResponse;
import io.github.civis.client.model.RemoteHost;
import io.github.civis.client.model.RunLog;
import io.github.civis.client.model.ScriptSql;
import io.github.civis.client.model.ScriptSqlRun;
import io.github.civis.client.model.Table;
import io.github.civis.client.request.ImportsPostFilesCsvDestination;
import io.github.civis.client.request.ImportsPostFilesCsvSource;
import io.github.civis.client.request.ScriptsPostSqlCsvSettings;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded databases and tables: lookups, SQL runs whose CSV output holds the rows with the export
 * options honoured, query previews, CSV imports that create, replace or extend tables, and
 * failures the way the platform reports them.
 */
class SeededDatabasesTest {

    private static final String DB = "redshift-general";

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(builder -> builder
        .seed(new Seed().database(DB)
            .table(DB, "public.people", List.of("id", "name", "note"), List.of(
                    List.of("1", "Ann", "says \"hi\", twice"),
                    Arrays.asList("2", "Bo", null),
                    List.of("3", "Cy", ""),
                    List.of("4", "Di", "two\nlines")))
            .database("other")
            .storageHost("exports")
            .credential("aws", "Amazon Web Services S3")));

    @Test
    void listsSeededDatabasesTablesCredentialsAndHosts(CivisClient client) {
        List<Database> databases = client.databases().list();
        long dbId = databases.get(0).id();
        List<DatabaseTable> tables = client.tables().list(q -> q.databaseId(dbId).schema("public").name("people"));
        Table table = client.tables().get(tables.get(0).id());
        List<Credential> defaults = client.credentials().list(q -> q.type("Database").isDefault(true));
        List<RemoteHost> hosts = client.remoteHosts().list(q -> { });

        assertThat(databases).extracting(Database::name).startsWith(DB, "other");
        assertThat(tables).singleElement().satisfies(t -> {
            assertThat(t.schema()).isEqualTo("public");
            assertThat(t.rowCount()).isEqualTo(4L);
        });
        assertThat(table.columns()).extracting(c -> c.name()).containsExactly("id", "name", "note");
        assertThat(client.tables().list(q -> q.databaseId(dbId).name("nobody"))).isEmpty();
        assertThat(defaults).singleElement().satisfies(c -> assertThat(c.remoteHostId()).isEqualTo(dbId));
        assertThat(hosts).extracting(RemoteHost::name).contains(DB, "other");
        assertThat(client.storageHosts().list()).extracting(h -> h.name()).contains("exports");
    }

    @Test
    void sqlRunWritesTheSeededRowsAsCsvWithPlatformDefaults(CivisClient client) {
        byte[] output = runSql(client, "SELECT * FROM public.people", null);

        assertThat(gunzip(output)).isEqualTo("""
                id,name,note
                1,Ann,"says ""hi"", twice"
                2,Bo,
                3,Cy,""
                4,Di,"two
                lines"
                """);
    }

    @Test
    void sqlRunHonoursHeaderDelimiterCompressionAndLimit(CivisClient client) {
        byte[] pipes = runSql(client, "select id, name from PUBLIC.People limit 2;", ScriptsPostSqlCsvSettings.builder()
            .includeHeader(false).columnDelimiter("pipe").compression("none").build());
        byte[] tabs = runSql(client, "SELECT name FROM \"public\".\"people\" LIMIT 1", ScriptsPostSqlCsvSettings.builder()
            .columnDelimiter("tab").compression("none").build());

        assertThat(new String(pipes, StandardCharsets.UTF_8)).isEqualTo("1|Ann\n2|Bo\n");
        assertThat(new String(tabs, StandardCharsets.UTF_8)).isEqualTo("name\nAnn\n");
    }

    @Test
    void sqlOverAnUnknownTableFailsLikeThePlatform(CivisClient client) {
        ScriptSql script = client.scripts().postSql(b -> b.name("q").sql("SELECT * FROM public.nobody")
            .remoteHostId(dbId(client)).credentialId(1L));
        ScriptSqlRun run = client.scripts().postSqlRuns(script.id());
        ScriptSqlRun done = client.scripts().getSqlRuns(script.id(), run.id());
        List<RunLog> logs = client.scripts().listSqlRunsLogs(script.id(), run.id());

        assertThat(done.state()).isEqualTo("failed");
        assertThat(done.error()).isEqualTo("ERROR:  relation \"public.nobody\" does not exist");
        assertThat(logs).extracting(RunLog::message).anySatisfy(m -> assertThat(m).contains("public.nobody"));
    }

    @Test
    void queryAnswersWithPreviewRowsAndColumns(CivisClient client) {
        QueryPostResponse query = client.queries().post(b -> b.database(dbId(client)).sql("SELECT * FROM public.people")
            .previewRows(2L));
        QueryPostResponse failed = client.queries().post(b -> b.database(dbId(client)).sql("SELECT x FROM public.people")
            .previewRows(2L));

        assertThat(query.resultColumns()).containsExactly("id", "name", "note");
        assertThat(query.json("resultRows").toString()).isEqualTo("[[\"1\",\"Ann\",\"says \\\"hi\\\", twice\"],[\"2\",\"Bo\",null]]");
        assertThat(query.state()).isEqualTo("succeeded");
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error()).contains("column \"x\" does not exist");
    }

    @Test
    void csvImportCreatesATableThatCanBeQueried(CivisClient client) {
        long file = upload(client, "a,b\n1,\"x,\ny\"\n2,\n3,\"\"\n");

        ImportFileCsvRun run = importCsv(client, file, "staging.loaded", "fail");

        assertThat(run.state()).isEqualTo("succeeded");
        assertThat(new String(runSql(client, "SELECT * FROM staging.loaded", ScriptsPostSqlCsvSettings.builder()
            .compression("none").build()), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,\"x,\ny\"\n2,\n3,\"\"\n");
    }

    @Test
    void csvImportHonoursExistingTableRows(CivisClient client) {
        importCsv(client, upload(client, "k\n1\n"), "modes.t", "fail");

        ImportFileCsvRun refused = importCsv(client, upload(client, "k\n2\n"), "modes.t", "fail");
        importCsv(client, upload(client, "k\n3\n"), "modes.t", "append");
        String appended = selectAll(client, "modes.t");
        importCsv(client, upload(client, "k\n4\n"), "modes.t", "truncate");
        String truncated = selectAll(client, "modes.t");
        importCsv(client, upload(client, "other,cols\n5,6\n"), "modes.t", "drop");

        assertThat(refused.state()).isEqualTo("failed");
        assertThat(refused.error()).contains("already exists");
        assertThat(appended).isEqualTo("k\n1\n3\n");
        assertThat(truncated).isEqualTo("k\n4\n");
        assertThat(selectAll(client, "modes.t")).isEqualTo("other,cols\n5,6\n");
    }

    @Test
    void csvImportWithRaggedRowsFailsAndLeavesTheTableAsItWas(CivisClient client) {
        importCsv(client, upload(client, "a,b\n1,2\n"), "ragged.t", "fail");

        ImportFileCsvRun run = importCsv(client, upload(client, "a,b\n3,4\n5\n"), "ragged.t", "drop");

        assertThat(run.state()).isEqualTo("failed");
        assertThat(run.error()).isEqualTo("The row at line 3 of file " + (lastFileId) + " has 1 columns, expected 2");
        assertThat(selectAll(client, "ragged.t")).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void refreshIsARunOnTheTable(CivisClient client) {
        long tableId = client.tables().list(q -> q.databaseId(dbId(client)).name("people")).get(0).id();

        Table refreshed = client.tables().postRefresh(tableId);

        assertThat(refreshed.lastRun()).isNotNull();
        assertThat(client.tables().get(tableId).refreshStatus()).isEqualTo("current");
    }

    @Test
    void seedsThroughTheAdminApi(CivisClient client, CivisSimulator simulator) {
        var response = RawHttp.send("POST", civis.baseUrl() + "_simulator/seed", "", """
                {"databases": [{"name": "added", "tables": [{"name": "s.t", "columns": ["c"], "rows": [["v"], [null]]}]}]}
                """);
        var bad = RawHttp.send("POST", civis.baseUrl() + "_simulator/seed", "", """
                {"databases": [{"name": "added", "tables": [{"name": "s.t", "columns": ["c"], "rows": [["v", "w"]]}]}]}
                """);

        assertThat(response.statusCode()).isEqualTo(204);
        long added = simulator.databases().database("added").orElseThrow().id();
        assertThat(simulator.databases().table(added, "s", "t")).isPresent();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("databases[0].tables[0].rows[0]");
    }

    // --- helpers

    private static long lastFileId;

    private static long dbId(CivisClient client) {
        return client.databases().list().stream().filter(d -> d.name().equals(DB)).findFirst().orElseThrow().id();
    }

    private static String selectAll(CivisClient client, String table) {
        return new String(runSql(client, "SELECT * FROM " + table, ScriptsPostSqlCsvSettings.builder()
            .compression("none").build()), StandardCharsets.UTF_8);
    }

    private static byte[] runSql(CivisClient client, String sql, ScriptsPostSqlCsvSettings settings) {
        ScriptSql script = client.scripts().postSql(b -> b.name("q").sql(sql).remoteHostId(dbId(client))
            .credentialId(1L).csvSettings(settings));
        ScriptSqlRun run = client.scripts().postSqlRuns(script.id());
        ScriptSqlRun done = client.scripts().getSqlRuns(script.id(), run.id());
        assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo("succeeded");
        return RawHttp.getBytes(done.output().get(0).path()).body();
    }

    private static long upload(CivisClient client, String csv) {
        FilePostResponse created = client.files().post(b -> b.name("in.csv"));
        Map<String, String> fields = new LinkedHashMap<>();
        created.uploadFields().properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        assertThat(RawHttp.postForm(created.uploadUrl(), fields, csv.getBytes(StandardCharsets.UTF_8)).statusCode())
            .isEqualTo(204);
        lastFileId = created.id();
        return created.id();
    }

    private static ImportFileCsvRun importCsv(CivisClient client, long fileId, String table, String existing) {
        String[] parts = table.split("\\.");
        ImportFileCsv job = client.imports().postFilesCsv(b -> b
            .source(ImportsPostFilesCsvSource.builder().fileIds(List.of(fileId)).build())
            .destination(ImportsPostFilesCsvDestination.builder().schema(parts[0]).table(parts[1])
                .remoteHostId(dbId(client)).credentialId(1L).build())
            .firstRowIsHeader(true)
            .existingTableRows(existing));
        ImportFileCsvRun run = client.imports().postFilesCsvRuns(job.id());
        return client.imports().getFilesCsvRuns(job.id(), run.id());
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new AssertionError("not gzip", ex);
        }
    }
}
