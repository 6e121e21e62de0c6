package io.github.civis.client.tables;

import java.util.List;
import java.util.Objects;

import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.lookup.TableName;
import io.github.civis.client.request.ImportsPostFilesCsvDestination;
import io.github.civis.client.request.ImportsPostFilesCsvRequest;
import io.github.civis.client.request.ImportsPostFilesCsvSource;
import io.github.civis.client.request.ImportsPostFilesCsvTableColumn;

/**
 * Where a CSV import goes, resolved once, and the {@code POST /imports/files/csv} request that
 * describes it: the one description table transfers post.
 *
 * @param name the destination table
 * @param databaseId the destination database
 * @param credentialId the database credential the import runs with
 */
record CsvImportJob(TableName name, long databaseId, long credentialId) {

    /**
     * Resolves the destination; calls the API on a lookup cache miss, so it blocks.
     * @throws IllegalArgumentException when the table name is not {@code schema.table}
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has that name
     */
    static CsvImportJob resolve(String table, String database, ImportOptions options, CivisLookups lookups) {
        Objects.requireNonNull(options, "options");
        TableName name = TableName.parse(table);
        return new CsvImportJob(name, lookups.databaseId(database), lookups.defaultDatabaseCredentialId());
    }

    /** The name an uploaded source gets when it has none of its own. */
    String sourceFileName() {
        return name.table() + ".csv";
    }

    /** The import job reading the uploaded file into the table. */
    ImportsPostFilesCsvRequest request(long fileId, ImportOptions options) {
        List<ImportsPostFilesCsvTableColumn> columns = options.columns().stream()
            .map(c -> ImportsPostFilesCsvTableColumn.builder().name(c.name()).sqlType(c.sqlType()).build())
            .toList();
        ImportsPostFilesCsvRequest.Builder b = ImportsPostFilesCsvRequest.builder()
            .name("civis-java import into " + name.schema() + "." + name.table())
            .source(ImportsPostFilesCsvSource.builder().fileIds(List.of(fileId)).build())
            .destination(ImportsPostFilesCsvDestination.builder().schema(name.schema())
                .table(name.table()).remoteHostId(databaseId)
                .credentialId(credentialId).build())
            .firstRowIsHeader(options.header())
            .columnDelimiter(options.delimiter().platformName())
            .compression(options.gzipped() ? "gzip" : "none")
            .existingTableRows(options.existingTable().platformName())
            .hidden(true);
        if (!columns.isEmpty()) {
            b.tableColumns(columns);
        }
        return b.build();
    }
}
