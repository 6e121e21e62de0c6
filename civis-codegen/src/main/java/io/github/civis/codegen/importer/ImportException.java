package io.github.civis.codegen.importer;

/**
 * The API document could not be imported. The message names the place in the document (as a
 * JSON path) and what could not be handled there; nothing was written.
 */
public class ImportException extends RuntimeException {

    private final String location;

    public ImportException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    /** Where in the document the problem is, e.g. {@code paths./credentials/{id}.get.parameters[1].in}. */
    public String location() {
        return location;
    }
}
