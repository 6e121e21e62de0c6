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
    private static final List<String> COLUMNS = List.of("ours-blocking", "ours-reactive", "ours", "ours-via-string", "raw", "openapi-generator",
            "proposal-pagewise", "stub-ceiling", "without-starter", "with-starter");

    private static final List<String> BASELINES = List.of("raw", "openapi-generator");

    private final List<Scenario> scenarios = new ArrayList<>();

    private final List<String> notes = new ArrayList<>();

    /**
     * One measured figure for each contender.
     * @param name what was measured
     * @param unit unit of the figures
     * @param higherIsBetter whether a higher figure is better
     * @param results median figure per contender
     * @param ranges {@code min–max} text per contender, where repeated measurements give one
     */
    public record Scenario(String name, String unit, boolean higherIsBetter, Map<String, Double> results,
            Map<String, String> ranges) {
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
        for (String ours : List.of("ours-blocking", "ours-reactive", "ours")) {
            for (String baseline : BASELINES) {
                if (scenarios.stream().anyMatch(s -> advantage(s, ours, baseline) != null)) {
                    ratios.add(ours + " vs " + baseline);
                }
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
                Double factor = advantage(s, parts[0], parts[1]);
                out.append(' ').append((factor == null) ? "–" : String.format(Locale.ROOT, "%.2f×", factor)).append(" |");
            }
            out.append('\n');
        }
        out.append("\nRatios: above 1.00× ours is ahead (faster, more calls/s, fewer bytes), below it behind.\n");
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }

    /**
     * Writes {@code {"scenarios": [{"name", "unit", "higherIsBetter", "results"}]}}.
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
            if (!s.ranges().isEmpty()) {
                ObjectNode ranges = node.putObject("ranges");
                s.ranges().forEach(ranges::put);
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

        /** The scenario: the median per contender, and min–max where there are several. */
        public Scenario build() {
            Map<String, Double> results = new LinkedHashMap<>();
            Map<String, String> ranges = new LinkedHashMap<>();
            values.forEach((contender, list) -> {
                List<Double> sorted = new ArrayList<>(list);
                sorted.sort(Double::compare);
                int middle = sorted.size() / 2;
                double median = (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
                results.put(contender, median);
                if (sorted.size() > 1) {
                    ranges.put(contender, format(sorted.get(0)) + "–" + format(sorted.get(sorted.size() - 1)));
                }
            });
            return new Scenario(name, unit, higherIsBetter, results, ranges);
        }
    }
}
