package io.github.civis.codegen.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.civis.catalog.Catalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated sources read like hand-written ones: short lines, and one operation can be
 * followed from its interface method through the implementation to the descriptor that names its
 * route and parameters.
 */
class GeneratedSourcesLayoutTest {

    private static final Path CATALOG = Path.of("..")
        .resolve("civis-catalog/src/main/resources/io/github/civis/catalog/civis-catalog.json");

    private static final int LONGEST_LINE = 150;

    @TempDir
    static Path output;

    private static Path api;

    @BeforeAll
    static void generateEverySourceFromTheCommittedCatalog() throws IOException {
        SourceGenerator.main(new String[] { output.resolve("sources").toString(), output.resolve("resources").toString(),
                CATALOG.toString() });
        api = output.resolve("sources/io/github/civis/client/api");
    }

    @Test
    void noGeneratedLineIsLongerThan150Characters() throws IOException {
        List<String> tooLong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(output.resolve("sources"))) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).length() > LONGEST_LINE) {
                        tooLong.add(file.getFileName() + ":" + (i + 1) + " (" + lines.get(i).length() + " characters)");
                    }
                }
            }
        }

        assertThat(files).as("generated source files, package-info included")
            .isEqualTo(new SourceGenerator(Catalog.read(CATALOG)).generate().size() + SourceGenerator.PACKAGES.size());
        assertThat(tooLong).as("generated lines over %d characters", LONGEST_LINE).isEmpty();
    }

    @Test
    void descriptorReadsAsNamedStepsOnePerLine() throws IOException {
        String operations = Files.readString(api.resolve("CredentialsOperations.java"), StandardCharsets.UTF_8);

        assertThat(operations).contains("""
                    public static final OperationDescriptor LIST_SHARES = OperationDescriptor
                        .builder("credentials", "list_shares")
                        .javaMethod("CredentialsApi", "listShares")
                        .route("GET", "/credentials/{id}/shares")
                        .path("id")
                        .build();
                """);
        // Required, renamed and list-valued parameters, and a status other than 200, each said by name.
        assertThat(operations).contains("""
                    public static final OperationDescriptor POST = OperationDescriptor
                        .builder("credentials", "post")
                        .javaMethod("CredentialsApi", "post")
                        .route("POST", "/credentials/")
                        .body("name")
                        .body("type").required()
                """)
            .contains("        .body(\"isDefault\", \"default\")\n")
            .contains("        .responseStatus(201)\n        .build();\n");
        assertThat(operations).doesNotContain("false, false").doesNotContain("new ParameterDescriptor");
        assertThat(Files.readString(api.resolve("TablesOperations.java"), StandardCharsets.UTF_8))
            .containsPattern("\\.query\\(\"\\w+\"(, \"\\w+\")?\\)\\.array\\(\\)\n")
            .contains("        .paginated()\n");
    }

    @Test
    void oneOperationLeadsFromInterfaceToImplementationToDescriptor() throws IOException {
        String blocking = Files.readString(api.resolve("CredentialsApi.java"), StandardCharsets.UTF_8);
        String implementation = Files.readString(api.resolve("DefaultCredentialsApi.java"), StandardCharsets.UTF_8);
        String reactive = Files.readString(api.resolve("DefaultReactiveCredentialsApi.java"), StandardCharsets.UTF_8);

        assertThat(blocking).contains("""
                     * <p>{@code GET /credentials/{id}/shares}
                     * @param id The ID of the resource that is shared.
                     * @return the response
                     * @see CredentialsOperations#LIST_SHARES
                     */
                    CivisList<Share> listShares(long id);
                """);
        assertThat(implementation).contains("""
                    public CivisList<Share> listShares(long id) {
                        return transport.call(CredentialsOperations.LIST_SHARES,
                                CallArguments.of(CredentialsOperations.LIST_SHARES, List.of(id), null),
                """);
        assertThat(reactive).contains("transport.callReactive(CredentialsOperations.LIST_SHARES,");
    }

    @Test
    void longJavadocIsWrappedIntoLinesOfAboutAHundredCharacters() {
        String text = "word ".repeat(60).trim();

        String wrapped = SourceGenerator.doc(text);

        assertThat(wrapped.lines()).hasSizeGreaterThan(2).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(
                SourceGenerator.DOC_WIDTH));
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(text);
    }

    @Test
    void longStringLiteralIsCutIntoConcatenatedPiecesThatJoinBackToTheValue() {
        String value = "Warning: this endpoint is deprecated and will be removed; use the tables endpoints instead, "
                + "which accept the same parameters and return the same objects";

        String literal = SourceGenerator.stringLiteral(value).toString();

        assertThat(literal.lines()).hasSizeGreaterThan(1)
            .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(SourceGenerator.LITERAL_WIDTH + 8));
        assertThat(String.join("", literal.lines().map(l -> l.replaceAll("^\\s*\"|\"( \\+)?$", "")).toList()))
            .isEqualTo(value);
    }
}
