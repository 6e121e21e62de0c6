package io.github.civis.client.sql;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.lookup.BoundedLookupCache;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.lookup.TableName;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.sql.ExportOptions.Compression;
import io.github.civis.client.sql.ExportOptions.Delimiter;
import io.github.civis.client.tables.ImportOptions;
import io.github.civis.client.tables.ImportOptions.ExistingTable;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.github.civis.testsupport.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * SQL, tables and lookups against the simulator: previews, exports with each option, streamed
 * rows, CSV round trips, failures that carry the platform's error, cached lookups.
 */
class CivisSqlTest {

    private static final String DB = "redshift-general";

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder
        .seed(new Seed().database(DB)
            .table(DB, "public.people", List.of("id", "name", "score"), List.of(
                    List.of("1", "Ann", "1.50"),
                    Arrays.asList("2", "Bo", null),
                    List.of("3", "Cy, Jr.", "")))
            .database("analytics")
            .storageHost("exports")
            .credential("aws-token", "Amazon Web Services S3")));

    @Test
    void queryReturnsThePreviewRowsAndColumns(CivisClient client) {
        QueryResult result = client.sql().query("SELECT * FROM public.people LIMIT 2", DB);

        assertThat(result.columns()).containsExactly("id", "name", "score");
        assertThat(result.rows()).containsExactly(List.of("1", "Ann", "1.50"), Arrays.asList("2", "Bo", null));
    }

    @Test
    void exportHonoursEachOption(CivisClient client) {
        String sql = "SELECT id, name FROM public.people";
        SqlExport defaults = client.sql().export(sql, DB, ExportOptions.defaults());
        SqlExport plain = client.sql().export(sql, DB, ExportOptions.defaults().withCompression(Compression.NONE));
        SqlExport noHeader = client.sql().export(sql, DB, ExportOptions.defaults().withCompression(Compression.NONE)
            .withHeader(false));
        SqlExport pipes = client.sql().export(sql, DB, ExportOptions.defaults().withCompression(Compression.NONE)
            .withDelimiter(Delimiter.PIPE));
        SqlExport tabs = client.sql().export(sql, DB, ExportOptions.defaults().withCompression(Compression.NONE)
            .withDelimiter(Delimiter.TAB));
        SqlExport zipped = client.sql().export(sql, DB, ExportOptions.defaults().withCompression(Compression.ZIP)
            .withFilenamePrefix("people"));

        String expected = "id,name\n1,Ann\n2,Bo\n3,\"Cy, Jr.\"\n";
        assertThat(gunzip(bytes(client, defaults))).isEqualTo(expected);
        assertThat(defaults.files()).singleElement().satisfies(f -> assertThat(f.name()).endsWith(".csv.gz"));
        assertThat(text(bytes(client, plain))).isEqualTo(expected);
        assertThat(text(bytes(client, noHeader))).isEqualTo("1,Ann\n2,Bo\n3,\"Cy, Jr.\"\n");
        assertThat(text(bytes(client, pipes))).isEqualTo("id|name\n1|Ann\n2|Bo\n3|Cy, Jr.\n");
        assertThat(text(bytes(client, tabs))).isEqualTo("id\tname\n1\tAnn\n2\tBo\n3\tCy, Jr.\n");
        assertThat(unzip(bytes(client, zipped))).isEqualTo(expected);
        assertThat(zipped.files().get(0).name()).isEqualTo("people.csv.zip");
        try (Stream<CsvRow> rows = client.sql().stream(tabs)) {
            assertThat(rows.map(r -> r.get("name")).toList()).containsExactly("Ann", "Bo", "Cy, Jr.");
        }
    }

    @Test
    void exportPutsSqlParametersIntoTheStatement(CivisClient client) {
        ExportOptions options = ExportOptions.defaults()
            .withParameter(SqlParameter.of("columns", "id, name"))
            .withParameter(SqlParameter.of("schema", "public"))
            .withParameter(SqlParameter.of("max_rows", 2));

        SqlExport export = client.sql().export("SELECT {{columns}} FROM {{ schema }}.people LIMIT {{max_rows}}", DB,
                options);
        List<List<String>> streamed;
        try (Stream<CsvRow> rows = client.sql().stream("SELECT * FROM {{schema}}.people LIMIT {{max_rows}}", DB,
                options.withParameter(SqlParameter.of("unused", true)))) {
            streamed = rows.map(CsvRow::values).toList();
        }
        List<String> reactive = client.reactiveSql()
            .stream("SELECT name FROM public.people LIMIT {{max_rows}}", DB,
                    ExportOptions.defaults().withParameter(SqlParameter.of("max_rows", 1)))
            .map(row -> row.get("name")).collectList().block(Duration.ofSeconds(30));

        assertThat(gunzip(bytes(client, export))).isEqualTo("id,name\n1,Ann\n2,Bo\n");
        var script = client.scripts().getSql(export.scriptId());
        assertThat(script.params()).extracting(p -> p.name() + ":" + p.type())
            .containsExactly("columns:string", "schema:string", "max_rows:integer");
        assertThat(script.arguments().path("max_rows").isIntegralNumber()).isTrue();
        assertThat(streamed).containsExactly(List.of("1", "Ann", "1.50"), Arrays.asList("2", "Bo", null));
        assertThat(reactive).containsExactly("Ann");
    }

    @Test
    void sqlParametersThatDoNotFitAreRefusedBeforeAndByThePlatform(CivisClient client) {
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.sql().export("SELECT * FROM {{schema}}.{{table}}", DB,
                    ExportOptions.defaults().withParameter(SqlParameter.of("schema", "public"))))
            .satisfies(ex -> assertThat(ex.error()).contains("{{table}}").contains("no such parameter"));
        assertThatIllegalArgumentException().isThrownBy(() -> SqlParameter.of("max rows", 1))
            .withMessageContaining("'max rows'");
        assertThatIllegalArgumentException().isThrownBy(() -> new SqlParameter("n", SqlParameter.Type.INTEGER, "1.5"))
            .withMessage("SQL parameter 'n' is integer but its value '1.5' is not");
        assertThatIllegalArgumentException().isThrownBy(() -> ExportOptions.defaults()
                .withParameter(SqlParameter.of("n", 1)).withParameter(SqlParameter.of("n", 2)))
            .withMessage("SQL parameter 'n' is given twice");
    }

    @Test
    void streamGivesTypedRowsByColumnNameWithNullsAndEmptyStringsApart(CivisClient client) {
        List<CsvRow> rows;
        try (Stream<CsvRow> stream = client.sql().stream("SELECT * FROM public.people", DB)) {
            rows = stream.toList();
        }

        assertThat(rows).extracting(r -> r.getLong("id")).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(0).getDecimal("score")).isEqualByComparingTo("1.50");
        assertThat(rows.get(1).get("score")).isNull();
        assertThat(rows.get(2).get("score")).isEmpty();
        assertThat(rows.get(2).get("NAME")).isEqualTo("Cy, Jr.");
        assertThatIllegalArgumentException().isThrownBy(() -> rows.get(0).get("nope"))
            .withMessageContaining("[id, name, score]");
        assertThatIllegalArgumentException().isThrownBy(() -> rows.get(0).getInt("name"))
            .withMessageContaining("Column 'name' of row 1 is not an int");
    }

    @Test
    void csvRoundTripsThroughImportThenStreamUnchanged(CivisClient client, @TempDir Path dir) throws IOException {
        String csv = "id,quote,text,empty,missing\n"
                + "1,\"she said \"\"hi\"\"\",\"two\nlines\",\"\",\n"
                + "2,\"a,b\",plain,\"\",\n";
        Path file = Files.writeString(dir.resolve("round.csv"), csv);

        client.tableTransfers().importCsv(file, "staging.round_trip", DB, ImportOptions.defaults());
        List<List<String>> back;
        try (Stream<CsvRow> rows = client.sql().stream("SELECT * FROM staging.round_trip", DB)) {
            back = rows.map(CsvRow::values).toList();
        }
        Path exported = dir.resolve("out.csv");
        client.sql().exportTo("SELECT * FROM staging.round_trip", DB, exported);

        assertThat(back).containsExactly(Arrays.asList("1", "she said \"hi\"", "two\nlines", "", null),
                Arrays.asList("2", "a,b", "plain", "", null));
        assertThat(Files.readString(exported)).isEqualTo(csv);
    }

    @Test
    void importReplacesAnExistingTableWhenAsked(CivisClient client) {
        ImportOptions replace = ImportOptions.defaults().withExistingTable(ExistingTable.DROP);
        client.tableTransfers().importCsv(csv("a\n1\n"), "staging.replaced", DB, replace);
        client.tableTransfers().importCsv(csv("b,c\n2,3\n"), "staging.replaced", DB, replace);

        assertThat(client.sql().query("SELECT * FROM staging.replaced", DB).rows()).containsExactly(List.of("2", "3"));
    }

    @Test
    void failedImportCarriesTheErrorAndLogTailAndLeavesTheTableAsItWas(CivisClient client) {
        client.tableTransfers().importCsv(csv("a,b\n1,2\n"), "staging.kept", DB, ImportOptions.defaults());

        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.tableTransfers().importCsv(csv("a,b\n3,4\n5\n"), "staging.kept", DB,
                    ImportOptions.defaults().withExistingTable(ExistingTable.DROP)))
            .satisfies(ex -> {
                assertThat(ex.error()).contains("has 1 columns, expected 2");
                assertThat(ex.logTail()).anySatisfy(line -> assertThat(line).contains("has 1 columns, expected 2"));
                assertThat(ex.getMessage()).contains("has 1 columns, expected 2");
            });
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.tableTransfers().importCsv(csv("a,b\n9,9\n"), "staging.kept", DB, ImportOptions.defaults()))
            .satisfies(ex -> assertThat(ex.error()).contains("already exists"));
        assertThat(client.sql().query("SELECT * FROM staging.kept", DB).rows()).containsExactly(List.of("1", "2"));
    }

    @Test
    void importWithAValueNotOfItsColumnTypeFailsAndLeavesTheTableAsItWas(CivisClient client) {
        ImportOptions typed = ImportOptions.defaults().withColumns(List.of(new ImportOptions.Column("id", "INTEGER"),
                new ImportOptions.Column("day", "DATE")));
        client.tableTransfers().importCsv(csv("id,day\n1,2026-01-02\n"), "staging.typed", DB, typed);

        for (ExistingTable handling : List.of(ExistingTable.DROP, ExistingTable.TRUNCATE, ExistingTable.APPEND)) {
            assertThatExceptionOfType(CivisRunFailedException.class)
                .isThrownBy(() -> client.tableTransfers().importCsv(csv("id,day\n2,2026-01-03\nthree,2026-01-04\n"),
                        "staging.typed", DB, typed.withExistingTable(handling)))
                .satisfies(ex -> assertThat(ex.error()).startsWith("The value 'three' at line 3 of file ")
                    .endsWith(" is not a valid INTEGER for column id"));
        }
        assertThat(client.sql().query("SELECT * FROM staging.typed", DB).rows())
            .containsExactly(List.of("1", "2026-01-02"));
    }

    @Test
    void failingSqlRaisesTheRunsErrorText(CivisClient client) {
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.sql().stream("SELECT * FROM public.nobody", DB).close())
            .satisfies(ex -> assertThat(ex.error()).isEqualTo("ERROR:  relation \"public.nobody\" does not exist"));
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.sql().query("SELECT missing FROM public.people", DB))
            .satisfies(ex -> assertThat(ex.error()).contains("column \"missing\" does not exist"));
    }

    @Test
    void unknownNamesNameTheClosestMatches(CivisClient client) {
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> client.sql().query("SELECT 1", "redshift-genral"))
            .withMessage("No database named 'redshift-genral'; did you mean 'redshift-general'?");
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> client.lookups().tableId("public.peopel", DB))
            .satisfies(ex -> assertThat(ex.closestMatches()).containsExactly("public.people"));
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> client.lookups().storageHostId("export"))
            .withMessageContaining("did you mean 'exports'?");
        assertThatIllegalArgumentException().isThrownBy(() -> client.lookups().tableId("people", DB))
            .withMessage("'people' is not a table name of the form schema.table: it names no schema");
        assertThatIllegalArgumentException().isThrownBy(() -> client.tableTransfers().importCsv(csv("a\n1\n"), "a.b.c", DB,
                ImportOptions.defaults()))
            .withMessageContaining("3 dot-separated parts");
    }

    @Test
    void tableNamesSplitTheWayThePlatformDoes() {
        assertThat(TableName.parse("\"my.schema\".\"my.table\"")).isEqualTo(new TableName("my.schema", "my.table"));
        assertThat(TableName.parse("public.\"say \"\"hi\"\"\"")).isEqualTo(new TableName("public", "say \"hi\""));
        assertThat(new TableName("my.schema", "t").sql()).isEqualTo("\"my.schema\".t");
        assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("\"open.quote"));
        assertThatIllegalArgumentException().isThrownBy(() -> TableName.parse("schema."));
    }

    @Test
    void lookupsCallTheApiOncePerTimeToLive(CivisClient client, CivisSimulator simulator) {
        ManualClock clock = new ManualClock();
        CivisLookups lookups = client.lookups().withCache(new BoundedLookupCache(Duration.ofMinutes(5), 100, clock));

        long before = simulator.stats().requests();
        long first = lookups.databaseId(DB);
        long again = lookups.databaseId(DB);
        long credential = lookups.credentialId("aws-token");
        lookups.credentialId("aws-token");
        long afterFirst = simulator.stats().requests();
        clock.advance(Duration.ofMinutes(6));
        lookups.databaseId(DB);
        long afterExpiry = simulator.stats().requests();

        assertThat(again).isEqualTo(first);
        assertThat(credential).isPositive();
        assertThat(afterFirst - before).isEqualTo(2);
        assertThat(afterExpiry - afterFirst).isEqualTo(1);
        assertThat(lookups.defaultDatabaseCredentialId()).isPositive();
        assertThat(lookups.username()).isEqualTo("simulator");
    }

    // --- helpers

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(CivisClient client, SqlExport export) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileTransfers().download(export.fileIds().get(0), out);
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return text(in.readAllBytes());
        }
        catch (IOException ex) {
            throw new AssertionError("not gzip", ex);
        }
    }

    private static String unzip(byte[] bytes) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            assertThat(in.getNextEntry()).isNotNull();
            return text(in.readAllBytes());
        }
        catch (IOException ex) {
            throw new AssertionError("not zip", ex);
        }
    }
}
