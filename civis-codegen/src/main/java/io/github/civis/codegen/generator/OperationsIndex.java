package io.github.civis.codegen.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogGroup;
import io.github.civis.catalog.CatalogOperation;

/**
 * The operations index: every route of the catalog with its group, the Java methods that call it
 * and the documented (Python client) name, so that a route from the Civis documentation leads to
 * its Java method without knowing the naming rule. Written as Markdown (for the repository's
 * {@code docs/operations.md}) and as HTML (the overview page of the client's Javadoc).
 *
 * <p>Usage: {@code OperationsIndex <operations.md> [<overview.html>] [<catalog.json>]}; without a catalog file, the one
 * {@code civis-catalog} ships.
 */
public final class OperationsIndex {

    private final List<Row> rows;

    /** One line of the index. */
    record Row(String verb, String route, String group, String api, String method, List<String> alsoNamed,
            String seedName, String note) {
    }

    /**
     * An index of the catalog's operations, sorted by route then verb.
     *
     * @param catalog the catalog
     */
    public OperationsIndex(Catalog catalog) {
        this.rows = catalog.groups().stream()
            .flatMap(group -> group.operations().stream().map(op -> row(group, op)))
            .sorted(Comparator.comparing(Row::route).thenComparing(Row::verb))
            .toList();
    }

    private static Row row(CatalogGroup group, CatalogOperation op) {
        String method = (op.getName() != null) ? op.getName() : op.javaName();
        List<String> alsoNamed = (op.getName() != null) ? List.of(op.javaName()) : List.of();
        if (op.paginated()) {
            alsoNamed = Stream.concat(alsoNamed.stream(), Stream.of(ApiWriter.allName(op))).toList();
        }
        // An operation the imported document no longer lists stays, deprecated: say so where it is looked up.
        String note = op.unlisted() != null ? " (deprecated: not in the " + op.unlisted() + " document)" : "";
        return new Row(op.verb(), op.route(), group.name(), group.javaName() + "Api", method, alsoNamed,
                group.name() + "." + op.name(), note);
    }

    /** The rows, sorted by route then verb. */
    List<Row> rows() {
        return rows;
    }

    /** The index as Markdown, ending with a newline. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Civis API operations\n\n")
            .append("Every operation of the Civis API and the Java method that calls it: ")
            .append(rows.size()).append(" operations, sorted by route.\n")
            .append("`CredentialsApi.get` is `client.credentials().get(…)` in plain Java and the bean `CredentialsApi` with\n")
            .append("the starter; `ReactiveCredentialsApi` has the same methods returning `Mono`/`Flux`. The seed name is the\n")
            .append("method's name in the Civis Python client.\n\n")
            .append("Generated from the API catalog (`civis-catalog/src/main/resources/io/github/civis/catalog/civis-catalog.json`)\n")
            .append("by `scripts/operations-index`; do not edit by hand.\n\n")
            .append("| route | verb | group | Java method | seed name |\n")
            .append("| --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| `").append(row.route()).append("` | ").append(row.verb()).append(" | ").append(row.group())
                .append(" | `").append(row.api()).append('.').append(row.method()).append('`');
            for (String other : row.alsoNamed()) {
                out.append(", `").append(other).append('`');
            }
            out.append(row.note()).append(" | `").append(row.seedName()).append("` |\n");
        }
        return out.toString();
    }

    /** The index as the HTML body of a Javadoc overview page. */
    public String html() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Civis client</title></head>\n<body>\n")
            .append("<p>A typed Java client for the Civis Platform API: {@link io.github.civis.client.CivisClient} ")
            .append("gives one blocking and one reactive interface per resource group of the API.</p>\n")
            .append("<h1>Operations</h1>\n")
            .append("<p>Every operation of the API by route, with the Java method that calls it and the method's ")
            .append("name in the Civis Python client.</p>\n")
            .append("<table class=\"striped\">\n<caption>Civis API operations by route</caption>\n<thead><tr><th>route</th><th>verb</th><th>group</th>")
            .append("<th>Java method</th><th>seed name</th></tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            out.append("<tr><td><code>").append(escape(row.route())).append("</code></td><td>").append(row.verb())
                .append("</td><td>").append(row.group()).append("</td><td>{@link io.github.civis.client.api.")
                .append(row.api()).append('#').append(row.method()).append(' ').append(row.api()).append('.')
                .append(row.method()).append('}');
            for (String other : row.alsoNamed()) {
                out.append(", <code>").append(other).append("</code>");
            }
            out.append(row.note()).append("</td><td><code>").append(row.seedName()).append("</code></td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n</body>\n</html>\n").toString();
    }

    private static String escape(String text) {
        // Route placeholders such as {id} would read as inline tags to the Javadoc tool.
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;");
    }

    /** Command line: {@code <catalog.json> <operations.md> [<overview.html>]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: OperationsIndex <operations.md> [<overview.html>] [<catalog.json>]");
            System.exit(2);
        }
        // Like the source generator: the catalog civis-catalog ships, unless one is named.
        Catalog catalog = (args.length == 3) ? Catalog.read(Path.of(args[2])) : Catalog.bundled();
        OperationsIndex index = new OperationsIndex(catalog);
        write(Path.of(args[0]), index.markdown());
        if (args.length >= 2) {
            write(Path.of(args[1]), index.html());
        }
        System.out.println("Wrote the index of " + index.rows().size() + " operations to " + args[0]);
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
