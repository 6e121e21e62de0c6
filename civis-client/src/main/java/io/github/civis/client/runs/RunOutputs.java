package io.github.civis.client.runs;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.civis.client.error.CivisException;
import io.github.civis.client.model.JobRunOutput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run left behind: files, JSON values, tables and other objects, by name. JSON values
 * are read when the outputs are read, so the accessors here make no call.
 */
public final class RunOutputs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long jobId;
    private final long runId;
    private final List<JobRunOutput> outputs;

    RunOutputs(long jobId, long runId, List<JobRunOutput> outputs) {
        this.jobId = jobId;
        this.runId = runId;
        this.outputs = List.copyOf(outputs);
    }

    /** Every output, as the platform lists them. */
    public List<JobRunOutput> list() {
        return outputs;
    }

    /** The names of the outputs, in the platform's order. */
    public List<String> names() {
        return outputs.stream().map(output -> String.valueOf(output.name())).toList();
    }

    /**
     * The output of that name, if any.
     * @param name the output's name
     * @return the output
     */
    public Optional<JobRunOutput> find(String name) {
        return outputs.stream().filter(output -> name.equals(output.name())).findFirst();
    }

    /**
     * The id of the file output of that name.
     * @param name the output's name
     * @return the file's id, for {@code client.fileTransfers()}
     * @throws IllegalArgumentException when the run has no file output of that name, listing those it has
     */
    public long fileId(String name) {
        return idOf(name, "File");
    }

    /**
     * The JSON value output of that name, as sent.
     * @param name the output's name
     * @return the value
     * @throws IllegalArgumentException when the run has no JSON value output of that name
     */
    public JsonNode jsonValue(String name) {
        JobRunOutput output = output(name, "JSONValue");
        JsonNode value = output.value();
        return (value != null) ? value : JSON.nullNode();
    }

    /**
     * The JSON value output of that name, read as a Java type.
     * @param name the output's name
     * @param type the type to read it as (a record, a {@code Map}, {@code Integer}, …)
     * @param <T> the type
     * @return the value, or {@code null} when the value is JSON null
     * @throws IllegalArgumentException when the run has no JSON value output of that name
     * @throws CivisException when the value cannot be read as {@code type}
     */
    public <T> T jsonValue(String name, Class<T> type) {
        JsonNode value = jsonValue(name);
        try {
            return JSON.treeToValue(value, type);
        }
        catch (JacksonException ex) {
            throw new CivisException("Output '" + name + "' of run " + runId + " of job " + jobId
                    + " cannot be read as " + type.getName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    private long idOf(String name, String objectType) {
        Long id = output(name, objectType).objectId();
        if (id == null) {
            throw new IllegalArgumentException("Output '" + name + "' of run " + runId + " of job " + jobId
                    + " has no object id");
        }
        return id;
    }

    private JobRunOutput output(String name, String objectType) {
        return outputs.stream()
            .filter(output -> name.equals(output.name()) && objectType.equalsIgnoreCase(output.objectType()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Run " + runId + " of job " + jobId + " has no "
                    + objectType + " output named '" + name + "'; its outputs: " + describe()));
    }

    private String describe() {
        return outputs.isEmpty() ? "none" : outputs.stream()
            .map(output -> output.name() + " (" + output.objectType() + ")")
            .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "RunOutputs{job=" + jobId + ", run=" + runId + ", outputs=" + describe() + "}";
    }
}
