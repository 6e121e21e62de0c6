package io.github.civis.codegen.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-edited part of the catalog: curated names and corrections the importer applies on
 * top of the API document, so that a re-import never loses them. Kept small: every entry
 * corrects something the document gets wrong or names badly.
 *
 * @param singulars singular forms the plain English rule gets wrong, by lower-case plural
 * @param typeNames curated names for types, by the name the importer would derive, or by where the
 *        type is used: {@code "VERB /route"} for a response, {@code "Owner.property"} for a
 *        property's type; of two uses that would get one name, one must be named here; a name
 *        for a use overrides the name the catalog gave it (a deliberate rename)
 * @param responseShapes corrections of a response's shape by {@code "VERB /route"}: {@code "list"}
 *        when the document declares one object but the API sends an array of them
 * @param fieldTypes corrections of property types, by {@code "TypeName.wireName"} or
 *        {@code "*.wireName"} for every type; the value is a catalog type notation
 * @param droppedNames names of the generated API that a new import may let go (a deliberate rename or
 *        removal, each with a CHANGELOG line), as the import names them, e.g.
 *        {@code "member Table.columns: list<TableColumn>"}; every other name the catalog gave is kept
 */
public record Overlay(Map<String, String> singulars, Map<String, String> typeNames,
        Map<String, String> responseShapes, Map<String, String> fieldTypes, SortedSet<String> droppedNames) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    public Overlay {
        singulars = new TreeMap<>(singulars == null ? Map.of() : singulars);
        typeNames = new TreeMap<>(typeNames == null ? Map.of() : typeNames);
        responseShapes = new TreeMap<>(responseShapes == null ? Map.of() : responseShapes);
        fieldTypes = new TreeMap<>(fieldTypes == null ? Map.of() : fieldTypes);
        droppedNames = new TreeSet<>(droppedNames == null ? Set.of() : droppedNames);
    }

    /** An overlay that lets no name go. */
    public Overlay(Map<String, String> singulars, Map<String, String> typeNames, Map<String, String> responseShapes,
            Map<String, String> fieldTypes) {
        this(singulars, typeNames, responseShapes, fieldTypes, null);
    }

    /** An overlay that changes nothing. */
    public static Overlay empty() {
        return new Overlay(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Reads an overlay file; unknown keys are an error, so that a typo is not silently ignored. */
    public static Overlay read(Path file) {
        try {
            return MAPPER.readValue(Files.readString(file), Overlay.class);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read overlay " + file, ex);
        }
        catch (tools.jackson.core.JacksonException ex) {
            throw new IllegalArgumentException("Overlay " + file + " is not valid: " + ex.getOriginalMessage(), ex);
        }
    }
}
