package io.github.civis.simulator.sql;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The parameters of a SQL script: its {@code params} declare names and types, its
 * {@code arguments} give values, and each {@code {{name}}} of the statement is replaced by the
 * value (or the declared default) before the statement runs. A required parameter without a
 * value, a value that does not fit its type, an argument for an undeclared parameter and a
 * placeholder that names no parameter fail the run, with the reason as its error.
 */
public final class SqlParameters {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private SqlParameters() {
    }

    /**
     * The statement of a SQL job with its parameters put in.
     *
     * @param job the job's fields as the API stores them: {@code sql}, {@code params}, {@code arguments}
     * @return the statement to run
     * @throws SqlEngine.SqlException when a parameter is missing or its value does not fit
     */
    public static String expand(JsonNode job) {
        String sql = job.path("sql").asString("");
        JsonNode params = job.path("params");
        JsonNode arguments = job.path("arguments");
        Map<String, String> values = new HashMap<>();
        if (params.isArray()) {
            for (JsonNode param : params) {
                String name = param.path("name").asString("");
                String type = param.path("type").asString("string");
                JsonNode argument = arguments.path(name);
                String value;
                if (!argument.isMissingNode() && !argument.isNull()) {
                    value = argument.isString() ? argument.stringValue() : argument.toString();
                }
                else if (param.hasNonNull("default")) {
                    value = param.get("default").asString();
                }
                else if (param.path("required").asBoolean(false)) {
                    throw new SqlEngine.SqlException("Missing argument for the required parameter " + name);
                }
                else {
                    value = "";
                }
                check(name, type, value);
                values.put(name, value);
            }
        }
        if (arguments.isObject()) {
            for (String name : arguments.propertyNames()) {
                if (!values.containsKey(name)) {
                    throw new SqlEngine.SqlException("Argument " + name + " names no parameter of the script");
                }
            }
        }
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new SqlEngine.SqlException("The SQL uses {{" + matcher.group(1) + "}} but the script has no such parameter");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    private static void check(String name, String type, String value) {
        boolean fits = switch (type) {
            case "integer" -> value.matches("-?\\d{1,18}");
            case "float" -> value.matches("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
            case "bool" -> value.matches("(?i)true|false|t|f|y|n|yes|no|1|0");
            default -> true;
        };
        if (!fits) {
            throw new SqlEngine.SqlException("The value '" + value + "' of parameter " + name + " is not a valid " + type);
        }
    }
}
