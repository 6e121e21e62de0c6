package io.github.civis.client.sql;

import java.util.List;

/**
 * The result of an export: the SQL script run that wrote it and its CSV file(s).
 *
 * @param scriptId the id of the SQL script (the job)
 * @param runId the id of its run
 * @param files the result files, in order
 * @param options the options they were written with
 */
public record SqlExport(long scriptId, long runId, List<ResultFile> files, ExportOptions options) {

    /** Copies the file list. */
    public SqlExport {
        files = List.copyOf(files);
    }

    /** The ids of the result files, in order. */
    public List<Long> fileIds() {
        return files.stream().map(ResultFile::fileId).toList();
    }

    /**
     * One result file.
     *
     * @param fileId the Civis file id
     * @param name the file's name, e.g. {@code output.csv.gz}
     */
    public record ResultFile(long fileId, String name) {
    }
}
