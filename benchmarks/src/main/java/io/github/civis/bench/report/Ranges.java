package io.github.civis.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code bench-results.json} of several runs and prints, per scenario, the lowest and
 * highest median of each contender and of each per-trial ratio across the runs: how far one
 * run's table can be trusted.
 *
 * <p>{@code java -cp … io.github.civis.bench.report.Ranges run1.json run2.json run3.json}
 */
public final class Ranges {

    private Ranges() {
    }

    /**
     * Prints the table.
     * @param args the result files
     * @throws Exception if one cannot be read
     */
    public static void main(String[] args) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> ratios = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (String file : args) {
            JsonNode root = json.readTree(Files.readString(Path.of(file)));
            for (JsonNode scenario : root.path("scenarios")) {
                String name = scenario.path("name").stringValue();
                units.put(name, scenario.path("unit").stringValue() + (scenario.path("higherIsBetter").booleanValue() ? " ↑" : " ↓"));
                for (Map.Entry<String, JsonNode> result : scenario.path("results").properties()) {
                    figures.computeIfAbsent(name, k -> new LinkedHashMap<>())
                        .computeIfAbsent(result.getKey(), k -> new ArrayList<>())
                        .add(result.getValue().doubleValue());
                }
                for (Map.Entry<String, JsonNode> ratio : scenario.path("ratios").properties()) {
                    ratios.computeIfAbsent(name, k -> new LinkedHashMap<>())
                        .computeIfAbsent(ratio.getKey(), k -> new ArrayList<>())
                        .add(ratio.getValue().path("median").doubleValue());
                }
            }
        }
        StringBuilder out = new StringBuilder("| scenario | unit | medians across " + args.length + " runs (lowest–highest) | per-trial ratio medians across runs |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (String name : figures.keySet()) {
            List<String> cells = new ArrayList<>();
            figures.get(name).forEach((contender, values) -> cells.add(contender + " " + range(values, false)));
            List<String> ratioCells = new ArrayList<>();
            ratios.getOrDefault(name, Map.of()).forEach((pair, values) -> ratioCells.add(pair + " " + range(values, true)));
            out.append("| ").append(name).append(" | ").append(units.get(name)).append(" | ").append(String.join("; ", cells))
                .append(" | ").append(ratioCells.isEmpty() ? "–" : String.join("; ", ratioCells)).append(" |\n");
        }
        System.out.print(out);
    }

    private static String range(List<Double> values, boolean ratio) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        if (ratio) {
            return String.format(Locale.ROOT, "%.2f–%.2f×", min, max);
        }
        return Report.format(min) + "–" + Report.format(max);
    }
}
