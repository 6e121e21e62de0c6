package io.github.civis.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

/** The names the committed catalog gives the generated Java types and members read as words. */
class CatalogNamesTest {

    /** Words of the Civis domain that end in a number. */
    private static final String DOMAIN_WORDS = "S3|Python3";

    private static List<String> typeNames(Catalog catalog) {
        List<String> names = new ArrayList<>();
        catalog.types().forEach(type -> names.add(type.name()));
        catalog.operations().stream().map(CatalogOperation::requestType).filter(Objects::nonNull).forEach(names::add);
        return names;
    }

    @Test
    void noTypeNameCarriesANumberThatIsNotPartOfADomainWord() {
        List<String> names = typeNames(Catalog.bundled());
        assertThat(names).hasSizeGreaterThan(700);
        assertThat(names).filteredOn(name -> name.replaceAll(DOMAIN_WORDS, "").matches(".*\\d.*")).isEmpty();
        // the domain words are there, so the rule above is not vacuous
        assertThat(names).anyMatch(name -> name.contains("Python3")).anyMatch(name -> name.contains("S3"));
    }

    @Test
    void noMemberNameEndsInAnUnderscore() {
        Catalog catalog = Catalog.bundled();
        List<String> members = new ArrayList<>();
        catalog.types().forEach(type -> type.fields().forEach(field -> members.add(type.name() + "." + field.javaName())));
        catalog.operations().forEach(op -> op.parameters().forEach(p -> members.add(op.name() + "." + p.javaName())));
        assertThat(members).isNotEmpty().noneMatch(member -> member.endsWith("_"));
        assertThat(catalog.type("Credential").orElseThrow().fields())
            .anySatisfy(field -> assertThat(field.javaName() + ":" + field.wireName()).isEqualTo("isDefault:default"));
    }
}
