package com.example.report;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.sql.CivisSql;

/** The code under test: reads a table of the warehouse and runs the job that refreshes it. */
@Service
public class CityReport {

    private final CivisSql sql;
    private final CivisRuns runs;
    private final String database;

    public CityReport(CivisSql sql, CivisRuns runs, @Value("${report.database}") String database) {
        this.sql = sql;
        this.runs = runs;
        this.database = database;
    }

    /** The most populous city of demo.cities. */
    public String largestCity() {
        List<List<String>> rows = sql.query("SELECT name, population FROM demo.cities", database).rows();
        return rows.stream()
            .max(Comparator.comparingLong(row -> Long.parseLong(row.get(1))))
            .map(row -> row.get(0))
            .orElseThrow();
    }

    /** Runs the refresh job and waits for it; a failed run throws CivisRunFailedException. */
    public String refresh(long jobId) {
        return runs.start(jobId).await(Duration.ofMinutes(10)).state();
    }
}
