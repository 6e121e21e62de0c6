package io.github.civis.catalog;

/**
 * Where a catalog came from.
 *
 * @param title title of the imported API document
 * @param version version of the imported API document
 * @param operations number of operations imported
 */
public record CatalogSource(String title, String version, int operations) {
}
