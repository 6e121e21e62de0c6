package io.github.civis.client.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.ratelimit.RateLimit;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.simulator.CivisSimulator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Awaiting many runs at once keeps to the poll share of the general rate limit, so that the
 * polls leave the rest of the budget to the application's own calls.
 */
class PollShareTest {

    private static final String KEY = "poll-key";

    @Test
    void twoHundredRunsAwaitedAtOnceStayWithinThePollShare() {
        // general 600 per 5 s, half of it for polling: at most 300 polls in any 5 s
        RateLimitSettings budget = RateLimitSettings.defaults().withGeneral(RateLimit.parse("600/5s"))
            .withRunCreating(RateLimit.parse("1000/5s")).withPollShare(0.5);
        List<Long> polls = Collections.synchronizedList(new ArrayList<>());
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey(KEY).runStep(Duration.ofSeconds(3)).build()
            .start();
                CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey(KEY).rateLimit(budget)
                    .build()) {
            long jobId = client.scripts().postPython3(b -> b.name("batch").source("print(1)")).id();
            ReactiveCivisRuns runs = client.reactiveRuns().withListener(new CivisRunListener() {
                @Override
                public void polled(long job, long run, RunState state) {
                    polls.add(System.nanoTime());
                }
            });
            List<ReactiveCivisRun> started = Flux.range(0, 200).concatMap(i -> runs.start(jobId)).collectList()
                .block(Duration.ofSeconds(60));

            List<JobRun> ended = runs.awaitAll(started, Duration.ofMinutes(2)).block(Duration.ofMinutes(3));

            assertThat(ended).hasSize(200);
            // Measured over the whole wait rather than in the busiest 5 s: a pause of the machine
            // delays polls and then lets them arrive together, which says nothing of the rate.
            List<Long> sorted = new ArrayList<>(polls);
            Collections.sort(sorted);
            double windows = (sorted.get(sorted.size() - 1) - sorted.get(0)) / (double) Duration.ofSeconds(5).toNanos();
            assertThat(polls.size()).as("polls while waiting %.1f windows of 5 s", windows)
                .isLessThanOrEqualTo((int) (300 * (windows + 1)));
        }
    }
}
