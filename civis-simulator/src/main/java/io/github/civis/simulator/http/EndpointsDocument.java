package io.github.civis.simulator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.surface.OpenApiDocument;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What {@code GET /endpoints} answers: by default the simulator's catalog as an OpenAPI 2.0
 * document, written on first request; or a given document, so that a test can present a platform
 * whose API has moved on from the client's.
 */
public final class EndpointsDocument {

    private final Supplier<byte[]> source;
    private volatile byte @Nullable [] bytes;

    private EndpointsDocument(Supplier<byte[]> source) {
        this.source = source;
    }

    /**
     * The document of a catalog.
     *
     * @param catalog the catalog the simulator answers from
     * @return the document, written when first served
     */
    public static EndpointsDocument of(Catalog catalog) {
        return new EndpointsDocument(() -> SimulatorResponse.JSON.writeValueAsBytes(OpenApiDocument.of(catalog)));
    }

    /**
     * A given document, read from a file.
     *
     * @param file an OpenAPI 2.0 document
     * @return the document, served as given
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is not JSON or has no {@code paths} object, naming the file
     */
    public static EndpointsDocument read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the endpoints document " + file, ex);
        }
        try {
            return given(json);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A given document.
     *
     * @param json an OpenAPI 2.0 document
     * @return the document, served as given
     * @throws IllegalArgumentException when the text is not JSON or has no {@code paths} object
     */
    public static EndpointsDocument given(String json) {
        JsonNode document;
        try {
            document = SimulatorResponse.JSON.readTree(json);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("The endpoints document is not JSON: " + ex.getOriginalMessage(), ex);
        }
        if (!document.path("paths").isObject()) {
            throw new IllegalArgumentException("The endpoints document must be an OpenAPI 2.0 document with a "
                    + "'paths' object, as the platform's GET /endpoints answers");
        }
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        return new EndpointsDocument(() -> text);
    }

    /** Whether a request asks for the document. */
    static boolean isRequest(String method, String normalisedPath) {
        return method.equals("GET") && normalisedPath.equals("/endpoints");
    }

    /** The answer. */
    SimulatorResponse response() {
        byte[] body = bytes;
        if (body == null) {
            body = source.get();
            bytes = body;
        }
        return SimulatorResponse.bytes(200, "application/json; charset=utf-8", body);
    }
}
