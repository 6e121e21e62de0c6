package io.github.civis.bench.peer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import io.github.civis.bench.peer.generated.ApiClient;
import io.github.civis.bench.peer.generated.model.Object458;
import io.github.civis.bench.stub.CannedResponses;

/**
 * The generated client's decoding of the scripts page: its own ObjectMapper (Jackson 2, as the
 * generated ApiClient configures it) into its generated models, reading the same four fields
 * as {@code DecodeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeerDecodeBenchmark {

    private static final TypeReference<List<Object458>> SCRIPTS = new TypeReference<>() {
    };

    private final ObjectMapper mapper = ApiClient.createDefaultMapper(null);

    private final byte[] page = CannedResponses.scriptsPage();

    /**
     * Decodes the page into generated models.
     * @return a sum over the fields read
     * @throws IOException never, the page is valid
     */
    @Benchmark
    public long openapiGenerator() throws IOException {
        List<Object458> scripts = mapper.readValue(page, SCRIPTS);
        long sum = 0;
        for (Object458 script : scripts) {
            sum += script.getId();
            sum += script.getName().length();
            sum += script.getAuthor().getUsername().length();
            sum += script.getLastRun().getId();
        }
        return sum;
    }
}
