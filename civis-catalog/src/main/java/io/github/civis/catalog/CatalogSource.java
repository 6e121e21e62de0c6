package io.github.civis.catalog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Where a catalog came from.
 *
 * @param title title of the imported API document
 * @param version version of the imported API document (the Civis API says {@code 1} in every one)
 * @param date when the platform published the imported document, e.g. {@code 2026-03}, or {@code null}
 *        when not known
 * @param operations number of operations the imported document lists; the catalog also keeps the
 *        operations of earlier documents that this one no longer lists ({@link CatalogOperation#unlisted()})
 */
@JsonPropertyOrder({ "title", "version", "date", "operations" })
public record CatalogSource(String title, String version, @Nullable String date, int operations) {

    /** How the imported document is called in messages: {@code the platform's 2026-03 document}. */
    public String documentName() {
        return date != null ? "the platform's " + date + " document" : "the platform's current document";
    }
}
