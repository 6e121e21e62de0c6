package io.github.civis.client.sql;

import java.util.Objects;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * SQL on Civis databases, reactive: the operations of {@link CivisSql} as lazy publishers.
 * Obtained as {@code client.reactiveSql()}. Nothing runs until subscription; rows are read as
 * they download, with back-pressure, and cancelling the subscription closes the download.
 * The waiting and reading happen on Reactor's bounded-elastic scheduler, never on the caller's
 * event loop.
 */
public final class ReactiveCivisSql {

    private final CivisSql blocking;

    /**
     * @param blocking the blocking SQL API doing the work
     */
    public ReactiveCivisSql(CivisSql blocking) {
        this.blocking = Objects.requireNonNull(blocking, "blocking");
    }

    /**
     * The preview of a query's result; see {@link CivisSql#query(String, String)}.
     * @param sql the statement
     * @param database the database's name
     * @return the preview
     */
    public Mono<QueryResult> query(String sql, String database) {
        return Mono.fromCallable(() -> blocking.query(sql, database)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * An export; see {@link CivisSql#export(String, String, ExportOptions)}.
     * @param sql the statement
     * @param database the database's name
     * @param options header, delimiter, compression, file name prefix, SQL parameters
     * @return the export
     */
    public Mono<SqlExport> export(String sql, String database, ExportOptions options) {
        return Mono.fromCallable(() -> blocking.export(sql, database, options)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The rows of a query's result, read as they download; see {@link CivisSql#stream(String, String)}.
     * @param sql the statement
     * @param database the database's name
     * @return the rows
     */
    public Flux<CsvRow> stream(String sql, String database) {
        return Flux.using(() -> blocking.stream(sql, database), Flux::fromStream, Stream::close)
            .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The rows of a query's result exported with these options, read as they download; see
     * {@link CivisSql#stream(String, String, ExportOptions)}.
     * @param sql the statement
     * @param database the database's name
     * @param options how the result is written, SQL parameters included
     * @return the rows
     */
    public Flux<CsvRow> stream(String sql, String database, ExportOptions options) {
        return Flux.using(() -> blocking.stream(sql, database, options), Flux::fromStream, Stream::close)
            .subscribeOn(Schedulers.boundedElastic());
    }
}
