package io.github.civis.client;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of the client form layers with one direction: the entry point on top, then the
 * generated API, the workflows (with the files workflow's engine), the internals, observation, the transport, the generated value
 * types, retry and pagination, and JSON, errors and rate limits at the bottom. A package may use
 * only the layers below it, and no packages form a cycle.
 */
class PackageLayersTest {

    private static final String BASE = "io.github.civis.client";

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(BASE);

    @Test
    void everyPackageBelongsToALayer() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass type : CLASSES) {
            packages.add(type.getPackageName());
        }
        assertThat(packages).contains(BASE, BASE + ".api", BASE + ".model", BASE + ".request", BASE + ".transport",
                BASE + ".internal", BASE + ".internal.transport", BASE + ".retry", BASE + ".pagination",
                BASE + ".observation", BASE + ".json", BASE + ".error", BASE + ".ratelimit");
        assertThat(packages).allSatisfy(name -> assertThat(name).matches(
                "io\\.github\\.civis\\.client(\\.(api|runs|files|sql|tables|lookup|internal(\\..+)?|observation"
                        + "|transport|model|request|retry|pagination|json|error|ratelimit))?"));
    }

    @Test
    void noPackagesFormACycle() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void packagesOnlyUseTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Entry point").definedBy(BASE)
            .layer("Generated API").definedBy(BASE + ".api")
            .layer("Workflows").definedBy(BASE + ".runs..", BASE + ".files..", BASE + ".sql..", BASE + ".tables..",
                    BASE + ".lookup..", BASE + ".internal.files..")
            .layer("Internals").definedBy(BASE + ".internal", BASE + ".internal.pagination..", BASE + ".internal.ratelimit..",
                    BASE + ".internal.retry..", BASE + ".internal.transport..")
            .layer("Observation").definedBy(BASE + ".observation..")
            .layer("Transport").definedBy(BASE + ".transport..")
            .layer("Values").definedBy(BASE + ".model..", BASE + ".request..")
            .layer("Retry and pagination").definedBy(BASE + ".retry..", BASE + ".pagination..")
            .layer("Foundation").definedBy(BASE + ".json..", BASE + ".error..", BASE + ".ratelimit..")
            .whereLayer("Entry point").mayNotBeAccessedByAnyLayer()
            .whereLayer("Generated API").mayOnlyBeAccessedByLayers("Entry point", "Workflows")
            .whereLayer("Workflows").mayOnlyBeAccessedByLayers("Entry point")
            .whereLayer("Internals").mayOnlyBeAccessedByLayers("Entry point", "Workflows")
            .whereLayer("Observation").mayOnlyBeAccessedByLayers("Entry point", "Workflows", "Internals")
            .whereLayer("Transport").mayOnlyBeAccessedByLayers("Entry point", "Generated API", "Workflows", "Internals",
                    "Observation")
            .whereLayer("Values").mayOnlyBeAccessedByLayers("Entry point", "Generated API", "Workflows", "Internals",
                    "Observation", "Transport")
            .whereLayer("Retry and pagination").mayOnlyBeAccessedByLayers("Entry point", "Generated API", "Workflows",
                    "Internals", "Observation", "Transport", "Values")
            .check(CLASSES);
    }
}
