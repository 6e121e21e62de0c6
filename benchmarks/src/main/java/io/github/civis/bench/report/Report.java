package io.github.civis.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of one run: printed as a table with our ratio to each alternative, and written as
 * {@code bench-results.json}.
 */
public final class Report {

    /** Column order of the table; any other result key is appended. */
    private static final List<String> COLUMNS = List.of("ours-blocking", "ours-blocking-io", "ours-reactive", "ours-blocking-virtual", "ours-web-client", "ours",
            "ours-via-string", "raw", "openapi-generator", "openapi-generator-blocking", "openapi-generator-blocking-virtual",
            "proposal-pagewise", "proposal-blocking-io", "stub-ceiling", "without-starter", "with-starter");

    /** The contenders whose advantage over each baseline the report gives. */
    private static final List<String> OURS = List.of("ours-blocking", "ours-blocking-io", "ours-reactive", "ours-blocking-virtual",
            "ours-web-client", "ours", "with-starter");

    private static final List<String> BASELINES = List.of("raw", "openapi-generator", "without-starter");

    /**
     * Every comparison the report gives, {@code {ours, baseline}}: each of ours against each
     * baseline, and the blocking APIs against the generated client called the same way (from
     * platform threads, from virtual threads).
     */
    private static final List<List<String>> PAIRS = pairs();

    private static List<List<String>> pairs() {
        List<List<String>> pairs = new ArrayList<>();
        for (String ours : OURS) {
            for (String baseline : BASELINES) {
                pairs.add(List.of(ours, baseline));
            }
        }
        pairs.add(List.of("ours-blocking", "openapi-generator-blocking"));
        pairs.add(List.of("ours-blocking-io", "openapi-generator-blocking"));
        pairs.add(List.of("ours-blocking-io", "ours-blocking"));
        pairs.add(List.of("ours-web-client", "openapi-generator-blocking"));
        pairs.add(List.of("ours-blocking-virtual", "openapi-generator-blocking-virtual"));
        // What blocking I/O on the calling thread would give (a question, run only when asked for).
        pairs.add(List.of("proposal-blocking-io", "openapi-generator"));
        pairs.add(List.of("proposal-blocking-io", "ours-blocking"));
        return List.copyOf(pairs);
    }

    private final List<Scenario> scenarios = new ArrayList<>();

    private final List<String> notes = new ArrayList<>();

    /**
     * One measured figure for each contender.
     * @param name what was measured
     * @param unit unit of the figures
     * @param higherIsBetter whether a higher figure is better
     * @param results median figure per contender
     * @param ranges {@code min–max} text per contender
     * @param ratios per-trial advantage of one contender over another ({@code "ours-blocking vs raw"}),
     *        where both were measured in the same trials; empty when the figures come from
     *        separate runs (then the table divides the medians)
     */
    public record Scenario(String name, String unit, boolean higherIsBetter, Map<String, Double> results,
            Map<String, String> ranges, Map<String, Ratio> ratios) {
    }

    /**
     * The advantage of one contender over another, trial by trial: above 1 the first is better.
     * @param median median of the per-trial ratios
     * @param min lowest per-trial ratio
     * @param max highest per-trial ratio
     * @param trials number of trials where both had a figure
     */
    public record Ratio(double median, double min, double max, int trials) {

        String text() {
            return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", median, min, max);
        }
    }

    /**
     * Adds a scenario; one with no results is left out.
     * @param scenario the scenario
     */
    public void add(Scenario scenario) {
        if (!scenario.results().isEmpty()) {
            scenarios.add(scenario);
        }
    }

    /**
     * Adds a line printed under the table (skipped contenders, ceilings, heap details).
     * @param note the text
     */
    public void note(String note) {
        notes.add(note);
    }

    /** The scenarios so far. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    /**
     * How far ahead ours is: above 1 means ours is better, whichever direction the unit goes.
     * @param scenario the scenario
     * @param ours our contender
     * @param baseline the one compared with
     * @return the factor, or {@code null} when either is missing
     */
    public static Double advantage(Scenario scenario, String ours, String baseline) {
        Ratio ratio = scenario.ratios().get(ours + " vs " + baseline);
        if (ratio != null) {
            return ratio.median();
        }
        Double a = scenario.results().get(ours);
        Double b = scenario.results().get(baseline);
        if (a == null || b == null || a == 0 || b == 0) {
            return null;
        }
        return scenario.higherIsBetter() ? a / b : b / a;
    }

    /** The table, in Markdown so that it can be pasted into the README as it is. */
    public String table() {
        List<String> columns = new ArrayList<>();
        for (String column : COLUMNS) {
            if (scenarios.stream().anyMatch(s -> s.results().containsKey(column))) {
                columns.add(column);
            }
        }
        for (Scenario s : scenarios) {
            for (String key : s.results().keySet()) {
                if (!columns.contains(key)) {
                    columns.add(key);
                }
            }
        }
        List<String> ratios = new ArrayList<>();
        for (List<String> pair : PAIRS) {
            if (scenarios.stream().anyMatch(s -> advantage(s, pair.get(0), pair.get(1)) != null)) {
                ratios.add(pair.get(0) + " vs " + pair.get(1));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("| scenario | unit |");
        columns.forEach(c -> out.append(' ').append(c).append(" |"));
        ratios.forEach(r -> out.append(' ').append(r).append(" |"));
        out.append('\n').append("| --- | --- |");
        columns.forEach(c -> out.append(" ---: |"));
        ratios.forEach(r -> out.append(" ---: |"));
        out.append('\n');
        for (Scenario s : scenarios) {
            out.append("| ").append(s.name()).append(" | ").append(s.unit()).append(s.higherIsBetter() ? " ↑" : " ↓").append(" |");
            for (String column : columns) {
                Double value = s.results().get(column);
                String range = s.ranges().get(column);
                out.append(' ').append((value == null) ? "–" : format(value)).append((range == null) ? "" : " (" + range + ")")
                    .append(" |");
            }
            for (String ratio : ratios) {
                String[] parts = ratio.split(" vs ");
                Ratio trials = s.ratios().get(ratio);
                Double factor = advantage(s, parts[0], parts[1]);
                String text = (trials != null) ? trials.text()
                        : (factor == null) ? "–" : String.format(Locale.ROOT, "%.2f×", factor);
                out.append(' ').append(text).append(" |");
            }
            out.append('\n');
        }
        out.append("\nFigures: median (range) over the trials. Ratios: above 1.00× ours is ahead (faster, more calls/s, fewer "
                + "bytes), below it behind; where the contenders ran interleaved in the same trials, the median of the "
                + "per-trial ratios (range).\n");
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }

    /**
     * Writes {@code {"scenarios": [{"name", "unit", "higherIsBetter", "results", "ranges", "ratios"}], "notes"}}:
     * {@code ranges} holds {@code "min–max"} per contender, {@code ratios} the per-trial ratios
     * ({@code {"median", "min", "max", "trials"}}) by {@code "a vs b"}.
     * @param file where
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode root = json.createObjectNode();
        ArrayNode array = root.putArray("scenarios");
        for (Scenario s : scenarios) {
            ObjectNode node = array.addObject();
            node.put("name", s.name());
            node.put("unit", s.unit());
            node.put("higherIsBetter", s.higherIsBetter());
            ObjectNode results = node.putObject("results");
            s.results().forEach(results::put);
            ObjectNode ranges = node.putObject("ranges");
            s.ranges().forEach(ranges::put);
            if (!s.ratios().isEmpty()) {
                ObjectNode ratios = node.putObject("ratios");
                s.ratios().forEach((key, ratio) -> {
                    ObjectNode r = ratios.putObject(key);
                    r.put("median", ratio.median());
                    r.put("min", ratio.min());
                    r.put("max", ratio.max());
                    r.put("trials", ratio.trials());
                });
            }
        }
        ArrayNode noteArray = root.putArray("notes");
        notes.forEach(noteArray::add);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /**
     * Formats a figure with about three significant digits.
     * @param value the figure
     * @return the text
     */
    public static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * Collects figures for a scenario from several measurements per contender.
     */
    public static final class Builder {

        private final String name;

        private final String unit;

        private final boolean higherIsBetter;

        private final Map<String, List<Double>> values = new LinkedHashMap<>();

        /** Figures by contender and trial, for per-trial ratios. */
        private final Map<String, Map<Integer, Double>> byTrial = new LinkedHashMap<>();

        /**
         * @param name what is measured
         * @param unit unit of the figures
         * @param higherIsBetter whether higher is better
         */
        public Builder(String name, String unit, boolean higherIsBetter) {
            this.name = name;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        /**
         * Adds one measurement.
         * @param contender whose
         * @param value the figure, ignored when {@code null}
         * @return this
         */
        public Builder add(String contender, Double value) {
            if (value != null && !value.isNaN()) {
                values.computeIfAbsent(contender, k -> new ArrayList<>()).add(value);
            }
            return this;
        }

        /**
         * Adds one trial's measurement.
         * @param contender whose
         * @param trial the trial number; figures of one trial were measured close together
         * @param value the figure, ignored when {@code null}
         * @return this
         */
        public Builder add(String contender, int trial, Double value) {
            if (value != null && !value.isNaN()) {
                add(contender, value);
                byTrial.computeIfAbsent(contender, k -> new LinkedHashMap<>()).put(trial, value);
            }
            return this;
        }

        /** The scenario: the median per contender with its range, and per-trial ratios of ours. */
        public Scenario build() {
            Map<String, Double> results = new LinkedHashMap<>();
            Map<String, String> ranges = new LinkedHashMap<>();
            values.forEach((contender, list) -> {
                List<Double> sorted = new ArrayList<>(list);
                sorted.sort(Double::compare);
                int middle = sorted.size() / 2;
                double median = (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
                results.put(contender, median);
                ranges.put(contender, format(sorted.get(0)) + "–" + format(sorted.get(sorted.size() - 1)));
            });
            Map<String, Ratio> ratios = new LinkedHashMap<>();
            for (List<String> pair : PAIRS) {
                Ratio ratio = ratio(pair.get(0), pair.get(1));
                if (ratio != null) {
                    ratios.put(pair.get(0) + " vs " + pair.get(1), ratio);
                }
            }
            return new Scenario(name, unit, higherIsBetter, results, ranges, ratios);
        }

        private Ratio ratio(String ours, String baseline) {
            Map<Integer, Double> a = byTrial.get(ours);
            Map<Integer, Double> b = byTrial.get(baseline);
            if (a == null || b == null) {
                return null;
            }
            List<Double> factors = new ArrayList<>();
            a.forEach((trial, value) -> {
                Double other = b.get(trial);
                if (other != null && other != 0 && value != 0) {
                    factors.add(higherIsBetter ? value / other : other / value);
                }
            });
            if (factors.isEmpty()) {
                return null;
            }
            factors.sort(Double::compare);
            int middle = factors.size() / 2;
            double median = (factors.size() % 2 == 1) ? factors.get(middle)
                    : (factors.get(middle - 1) + factors.get(middle)) / 2;
            return new Ratio(median, factors.get(0), factors.get(factors.size() - 1), factors.size());
        }
    }
}
