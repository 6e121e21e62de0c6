package io.github.civis.bench.decode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.bench.stub.CannedResponses;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.CredentialUser;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.ScriptSummary;
import io.github.civis.client.pagination.PageInfo;

/**
 * Decoding one page of 50 large script objects, in process: bytes in, typed objects out, then
 * the same four fields read from each element (models that convert on read must pay for it).
 * {@code ours} follows the client's read path from bytes (tree, then {@link CivisList#read});
 * {@code oursViaString} adds the detour through a {@code String} that the first, minimal transport took;
 * {@code raw} is Jackson into {@code Map}s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] page = CannedResponses.scriptsPage();

    /**
     * Our client's read path.
     * @return a sum over the fields read
     */
    @Benchmark
    public long ours() {
        JsonNode body = JSON.readTree(page);
        CivisList<ScriptSummary> scripts = CivisList.read(body, PageInfo.none(), ScriptSummary::new);
        long sum = 0;
        for (ScriptSummary script : scripts) {
            sum += script.id();
            sum += script.name().length();
            CredentialUser author = script.author();
            sum += author.username().length();
            JobRun lastRun = script.lastRun();
            sum += lastRun.id();
        }
        return sum;
    }

    /**
     * What the transport does today: the body is first decoded into a {@code String} (WebClient's
     * {@code bodyToMono(String.class)}) and the tree parsed from characters. Kept next to
     * {@link #ours()} to show what reading the bytes directly saves.
     * @return a sum over the fields read
     */
    @Benchmark
    public long oursViaString() {
        JsonNode body = JSON.readTree(new String(page, StandardCharsets.UTF_8));
        CivisList<ScriptSummary> scripts = CivisList.read(body, PageInfo.none(), ScriptSummary::new);
        long sum = 0;
        for (ScriptSummary script : scripts) {
            sum += script.id();
            sum += script.name().length();
            sum += script.author().username().length();
            sum += script.lastRun().id();
        }
        return sum;
    }

    /**
     * Jackson into maps: the least a caller can do.
     * @return a sum over the fields read
     */
    @Benchmark
    @SuppressWarnings("unchecked")
    public long raw() {
        List<Map<String, Object>> scripts = JSON.readValue(page, List.class);
        long sum = 0;
        for (Map<String, Object> script : scripts) {
            sum += ((Number) script.get("id")).longValue();
            sum += ((String) script.get("name")).length();
            sum += ((String) ((Map<String, Object>) script.get("author")).get("username")).length();
            sum += ((Number) ((Map<String, Object>) script.get("lastRun")).get("id")).longValue();
        }
        return sum;
    }
}
