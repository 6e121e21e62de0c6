package com.example.report;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.civis.client.api.ScriptsApi;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.spring.CivisSimulatorTest;
import io.github.civis.simulator.state.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@CivisSimulatorTest(seed = "classpath:civis-seed.json")   // src/test/resources/civis-seed.json
class CityReportTest {

    @Autowired
    CityReport report;

    @Autowired
    ScriptsApi scripts;

    @Autowired
    CivisSimulator simulator;

    @Test
    void findsTheLargestCityOfTheSeededTable() {
        assertThat(report.largestCity()).isEqualTo("Lima");
    }

    @Test
    void aRefreshThatSucceedsEndsSucceeded() {
        long jobId = scripts.postPython3(b -> b.name("refresh cities").source("...")).id();

        assertThat(report.refresh(jobId)).isEqualTo("succeeded");
    }

    @Test
    void aFailedRefreshCarriesThePlatformsError() {
        long jobId = scripts.postPython3(b -> b.name("refresh cities").source("...")).id();
        simulator.runOutcome(jobId, RunOutcome.failed("Out of memory"));   // how its runs go

        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> report.refresh(jobId))
            .satisfies(ex -> assertThat(ex.error()).isEqualTo("Out of memory"));
    }
}
