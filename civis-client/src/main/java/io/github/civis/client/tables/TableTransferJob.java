package io.github.civis.client.tables;

import java.util.Objects;

import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.lookup.TableName;
import io.github.civis.client.request.ImportsPostRequest;
import io.github.civis.client.request.ImportsPostSource;
import io.github.civis.client.request.ImportsPostSyncsAdvancedOptions;
import io.github.civis.client.request.ImportsPostSyncsDestination;
import io.github.civis.client.request.ImportsPostSyncsRequest;
import io.github.civis.client.request.ImportsPostSyncsSource;
import io.github.civis.client.request.ImportsPostSyncsSourceDatabaseTable;
import io.github.civis.client.tables.ImportOptions.ExistingTable;

/**
 * A table-to-table copy, resolved once, and the requests that describe it on the platform: a
 * {@code Dbsync} import job between two databases ({@code POST /imports}) holding one sync from
 * the source table to the destination table ({@code POST /imports/{id}/syncs}).
 * {@link ReactiveCivisTableTransfers} posts these.
 *
 * @param source the table copied
 * @param sourceDatabaseId the database it is in
 * @param destination the table written
 * @param destinationDatabaseId the database it is in
 * @param credentialId the database credential the copy runs with, on both sides
 * @param existingTable what happens to a destination table that exists
 */
record TableTransferJob(TableName source, long sourceDatabaseId, TableName destination, long destinationDatabaseId,
        long credentialId, ExistingTable existingTable) {

    /**
     * Resolves both tables; calls the API on a lookup cache miss, so it blocks.
     * @throws IllegalArgumentException when a table name is not {@code schema.table}
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has one of the names
     */
    static TableTransferJob resolve(String sourceTable, String sourceDatabase, String destinationTable,
            String destinationDatabase, ExistingTable existingTable, CivisLookups lookups) {
        Objects.requireNonNull(existingTable, "existingTable");
        TableName source = TableName.parse(sourceTable);
        TableName destination = TableName.parse(destinationTable);
        return new TableTransferJob(source, lookups.databaseId(sourceDatabase), destination,
                lookups.databaseId(destinationDatabase), lookups.defaultDatabaseCredentialId(), existingTable);
    }

    /** The import job between the two databases. */
    ImportsPostRequest importRequest() {
        return ImportsPostRequest.builder()
            .name("civis-java transfer " + source.schema() + "." + source.table() + " to " + destination.schema() + "."
                    + destination.table())
            .syncType("Dbsync")
            .isOutbound(true)
            .source(ImportsPostSource.builder().remoteHostId(sourceDatabaseId).credentialId(credentialId).build())
            .destination(ImportsPostSource.builder().remoteHostId(destinationDatabaseId).credentialId(credentialId).build())
            .hidden(true)
            .build();
    }

    /** The job's one sync: this source table to this destination table. */
    ImportsPostSyncsRequest syncRequest() {
        return ImportsPostSyncsRequest.builder()
            .source(ImportsPostSyncsSource.builder().databaseTable(ImportsPostSyncsSourceDatabaseTable.builder()
                .schema(source.schema()).table(source.table()).build()).build())
            .destination(ImportsPostSyncsDestination.builder().databaseTable(ImportsPostSyncsSourceDatabaseTable.builder()
                .schema(destination.schema()).table(destination.table()).build()).build())
            .advancedOptions(ImportsPostSyncsAdvancedOptions.builder().existingTableRows(existingTable.platformName()).build())
            .build();
    }
}
