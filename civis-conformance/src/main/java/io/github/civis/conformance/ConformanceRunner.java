package io.github.civis.conformance;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.CivisApiGroups;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.pagination.PageInfo;

/**
 * Replays recorded Civis API exchanges through the typed client and checks that the client
 * conforms to the real API: for each recording it calls the one generated method of the
 * recorded operation with arguments built from the recorded request, against a local server
 * that checks the request it receives and answers with the recorded response, and then checks
 * what the method returned (or threw).
 *
 * <p>Output, on standard output: {@code PASS <id> <VERB> <route>},
 * {@code FAIL <id> <VERB> <route>: <reason>} or, for a recording the typed API cannot express,
 * {@code SKIP <id> <VERB> <route>: <reason>} per recording, then
 * {@code N passed, M failed, K skipped}. On
 * standard error, after the totals: the typed accessors that cannot read what the API sent and
 * the request values that had to be sent as raw JSON, i.e. where the catalog is wrong. The exit
 * status is 0 when no recording failed (skipped ones do not fail the run), 1 otherwise, 2 on a usage error.
 */
public final class ConformanceRunner {

    /** The API key the client is built with; the local server checks that it is sent. */
    public static final String API_KEY = "conformance-dummy-key";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CALL_TIMEOUT_SECONDS = 60;

    private ConformanceRunner() {
    }

    /**
     * Runs a conformance file and exits with 0 when every recording passed.
     * @param args the path of the file: a JSON array of recordings
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: conformance FILE   (FILE: a JSON array of recorded Civis API exchanges)");
            System.exit(2);
        }
        ConformanceReport report = run(Path.of(args[0]));
        report.print(System.out, System.err);
        System.exit(report.failed() == 0 ? 0 : 1);
    }

    /**
     * Runs a conformance file. A file that cannot be read or is not a JSON array of recordings
     * gives one failed outcome naming the file.
     * @param file the file
     * @return the report
     */
    public static ConformanceReport run(Path file) {
        JsonNode document;
        try {
            document = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (java.io.IOException ex) {
            return fileFailure(file.toString(), "cannot read the file: " + ex);
        }
        catch (RuntimeException ex) {
            return fileFailure(file.toString(), "not JSON: " + firstLine(ex.getMessage()));
        }
        return run(document, file.toString());
    }

    /**
     * Runs recordings held in memory.
     * @param document a JSON array of recordings
     * @param source the name of where the document came from, used when it is not an array
     * @return the report
     */
    public static ConformanceReport run(JsonNode document, String source) {
        // The whole client stack, retries included; a recording answered with a retryable status is
        // replayed for every attempt, so waiting between attempts would only slow the run down.
        return run(document, source, baseUrl -> CivisClient.builder().hooks(hooks -> hooks.withSleeper(duration -> { }))
            .baseUrl(baseUrl)
            .apiKey(API_KEY)
            .build());
    }

    /**
     * Runs recordings held in memory through a client of the caller's making, e.g. one with a
     * particular transport configuration.
     * @param document a JSON array of recordings
     * @param source the name of where the document came from, used when it is not an array
     * @param client makes the client from the local server's base URL; it must authenticate
     *        with {@link #API_KEY}
     * @return the report
     */
    public static ConformanceReport run(JsonNode document, String source,
            Function<String, ? extends CivisApiGroups> client) {
        if (document == null || !document.isArray()) {
            String kind = (document == null) ? "nothing" : document.getNodeType().name().toLowerCase(Locale.ROOT);
            return fileFailure(source, "not a JSON array of recordings (it holds " + kind + ")");
        }
        ConformanceReport report = new ConformanceReport();
        // A call that never returns must not hold up the next recordings: each runs on a thread
        // of its own, abandoned after the timeout.
        ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "conformance-call");
            thread.setDaemon(true);
            return thread;
        });
        try (RecordingServer server = new RecordingServer(API_KEY)) {
            CallPlanner planner = new CallPlanner(client.apply(server.baseUrl()));
            for (int index = 0; index < document.size(); index++) {
                report.add(runOne(document.get(index), index, planner, server, calls, report));
            }
        }
        finally {
            calls.shutdownNow();
        }
        return report;
    }

    private static ConformanceReport fileFailure(String source, String reason) {
        ConformanceReport report = new ConformanceReport();
        report.add(new ConformanceReport.Outcome(source, "-", "-", ConformanceReport.Result.FAILED, reason));
        return report;
    }

    private static ConformanceReport.Outcome runOne(JsonNode node, int index, CallPlanner planner,
            RecordingServer server, ExecutorService calls, ConformanceReport report) {
        Recording recording;
        try {
            recording = Recording.parse(node, index);
        }
        catch (Recording.InvalidRecording ex) {
            return new ConformanceReport.Outcome(ex.label(), orUnknown(ex.verb()), orUnknown(ex.route()),
                    ConformanceReport.Result.FAILED, ex.getMessage());
        }
        try {
            check(recording, planner, server, calls, report);
            return new ConformanceReport.Outcome(recording.label(), recording.verb(), recording.route(),
                    ConformanceReport.Result.PASSED, null);
        }
        catch (InexpressibleRecording ex) {
            return new ConformanceReport.Outcome(recording.label(), recording.verb(), recording.route(),
                    ConformanceReport.Result.SKIPPED, ex.getMessage());
        }
        catch (ConformanceFailure ex) {
            return new ConformanceReport.Outcome(recording.label(), recording.verb(), recording.route(),
                    ConformanceReport.Result.FAILED, ex.getMessage());
        }
        catch (RuntimeException ex) {
            return new ConformanceReport.Outcome(recording.label(), recording.verb(), recording.route(),
                    ConformanceReport.Result.FAILED, "the runner failed: " + ex);
        }
    }

    private static String orUnknown(String text) {
        return (text != null) ? text : "?";
    }

    private static void check(Recording recording, CallPlanner planner, RecordingServer server,
            ExecutorService calls, ConformanceReport report) {
        CallPlanner.PlannedCall call = planner.plan(recording);
        RecordingServer.Exchange exchange = server.expect(recording, call.expected());
        Object result = null;
        Throwable thrown = null;
        Future<Object> future = calls.submit(() -> call.method().invoke(call.target(), call.arguments()));
        try {
            result = future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            thrown = (ex.getCause() instanceof InvocationTargetException target) ? target.getCause() : ex.getCause();
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            throw new ConformanceFailure("no answer from the client within " + CALL_TIMEOUT_SECONDS + " s");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ConformanceFailure("interrupted");
        }
        String method = call.operation().apiInterface() + "." + call.operation().javaName();
        if (exchange.requests() == 0) {
            throw new ConformanceFailure(method + " sent no request"
                    + (thrown != null ? "; it threw " + thrown : ""));
        }
        List<String> problems = exchange.problems();
        if (!problems.isEmpty()) {
            throw new ConformanceFailure(method + " " + String.join("; ", problems));
        }
        call.rawValues().forEach(raw -> report.rawValue(raw, recording.label()));
        if (recording.success()) {
            checkResult(recording, method, result, thrown, report);
        }
        else {
            checkError(recording, method, result, thrown);
        }
    }

    private static void checkResult(Recording recording, String method, Object result, Throwable thrown,
            ConformanceReport report) {
        if (thrown != null) {
            throw new ConformanceFailure(method + " threw " + thrown + " on HTTP " + recording.status());
        }
        JsonNode expected = recording.responseBody();
        if (result == null) {
            if (!expected.isNull()) {
                throw new ConformanceFailure(method + " returned nothing, but the API sent "
                        + JsonComparison.excerpt(expected));
            }
            return;
        }
        JsonNode written;
        try {
            written = JSON.valueToTree(result);
        }
        catch (RuntimeException ex) {
            throw new ConformanceFailure("the " + result.getClass().getSimpleName() + " returned by " + method
                    + " cannot be written as JSON: " + firstLine(ex.getMessage()));
        }
        String difference = JsonComparison.difference(expected, written, true);
        if (difference != null) {
            throw new ConformanceFailure("the " + result.getClass().getSimpleName() + " returned by " + method
                    + " differs from the recorded body at " + difference);
        }
        checkPagination(recording, method, result);
        String typedDifference = AccessorProbe.compare(result, expected,
                (description, ex) -> report.accessorMismatch(description, recording.label()));
        if (typedDifference != null) {
            throw new ConformanceFailure("the " + result.getClass().getSimpleName() + " returned by " + method + " gives "
                    + typedDifference);
        }
    }

    /** Every recorded {@code X-Pagination-*} header must be visible on the returned list. */
    private static void checkPagination(Recording recording, String method, Object result) {
        for (var header : recording.headers().entrySet()) {
            String name = header.getKey();
            if (!name.toLowerCase(Locale.ROOT).startsWith("x-pagination-")) {
                continue;
            }
            if (!(result instanceof CivisList<?> list)) {
                throw new ConformanceFailure(method + " returns a " + result.getClass().getSimpleName()
                        + ", which does not show the recorded " + name + " header");
            }
            PageInfo info = list.pageInfo();
            if (header.getValue().isBlank()) {
                // sent without a value: no number to read, but the header must show as present
                if (!info.header(name).map(String::isBlank).orElse(false)) {
                    throw new ConformanceFailure(method + " shows " + name + " as absent, but it was sent empty");
                }
                continue;
            }
            Long seen;
            if (name.equalsIgnoreCase(PageInfo.TOTAL_ENTRIES)) {
                seen = info.totalEntries();
            }
            else if (name.equalsIgnoreCase(PageInfo.TOTAL_PAGES)) {
                seen = info.totalPages();
            }
            else if (name.equalsIgnoreCase(PageInfo.CURRENT_PAGE)) {
                seen = info.currentPage();
            }
            else if (name.equalsIgnoreCase(PageInfo.PER_PAGE)) {
                seen = info.perPage();
            }
            else {
                continue;
            }
            if (seen == null || !String.valueOf(seen).equals(header.getValue().trim())) {
                throw new ConformanceFailure(method + " shows " + name + " as " + seen + " instead of "
                        + header.getValue());
            }
        }
    }

    private static void checkError(Recording recording, String method, Object result, Throwable thrown) {
        if (thrown == null) {
            throw new ConformanceFailure(method + " returned " + (result == null ? "nothing" : result.getClass().getSimpleName())
                    + " instead of failing with HTTP " + recording.status());
        }
        if (!(thrown instanceof CivisApiException api)) {
            throw new ConformanceFailure(method + " threw " + thrown + " instead of a CivisApiException with HTTP "
                    + recording.status());
        }
        if (api.status() != recording.status()) {
            throw new ConformanceFailure(method + " failed with HTTP " + api.status() + " instead of "
                    + recording.status());
        }
        JsonNode description = recording.responseBody().path("errorDescription");
        String expected = description.isString() ? description.stringValue() : null;
        if (expected != null && !expected.equals(api.errorDescription())) {
            throw new ConformanceFailure(method + " reports errorDescription " + quote(api.errorDescription())
                    + " instead of " + quote(expected));
        }
    }

    private static String quote(String text) {
        return (text == null) ? "null" : "\"" + text + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0) ? message : message.substring(0, newline);
    }
}
