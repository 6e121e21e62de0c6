package io.github.civis.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project's description of the Civis API surface: every operation by group, with its
 * parameters and response, and every named type. Written by the importer, read by the source
 * generator and the simulator. It is the single source of truth for the generated API.
 *
 * @param format version of this file's format
 * @param source what the catalog was imported from
 * @param groups resource groups, sorted by name
 * @param types named types, sorted by name
 */
@JsonPropertyOrder({ "format", "source", "groups", "types" })
public record Catalog(int format, CatalogSource source, List<CatalogGroup> groups, List<CatalogType> types) {

    /** The format this code reads and writes. */
    public static final int FORMAT = 1;

    /**
     * Where the Civis API catalog lives on the class path, in this module's jar: the one copy the
     * generator, the simulator and the conformance runner read.
     */
    public static final String RESOURCE = "io/github/civis/catalog/civis-catalog.json";

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
        .build();

    /** Reads a catalog. */
    public static Catalog read(InputStream in) {
        Catalog catalog = MAPPER.readValue(in, Catalog.class);
        if (catalog.format() != FORMAT) {
            throw new IllegalArgumentException("Unsupported catalog format " + catalog.format() + ", expected " + FORMAT);
        }
        return catalog;
    }

    /**
     * Reads the Civis API catalog that ships with this module ({@link #RESOURCE}).
     * @return the catalog
     * @throws IllegalStateException when the resource is missing from the class path
     */
    public static Catalog bundled() {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No Civis API catalog on the class path at " + RESOURCE);
            }
            return read(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Civis API catalog " + RESOURCE, ex);
        }
    }

    /** Reads a catalog file. */
    public static Catalog read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read catalog " + file, ex);
        }
    }

    /** The catalog as the text written to disk: indented JSON ending with a newline. */
    public String toJson() {
        return MAPPER.writeValueAsString(this).replace("\r\n", "\n") + "\n";
    }

    /** Writes the catalog as UTF-8. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Named types by name. */
    public Map<String, CatalogType> typesByName() {
        return types.stream().collect(Collectors.toMap(CatalogType::name, Function.identity()));
    }

    /** The type of that name. */
    public Optional<CatalogType> type(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every operation of every group. */
    public List<CatalogOperation> operations() {
        return groups.stream().flatMap(g -> g.operations().stream()).toList();
    }
}
