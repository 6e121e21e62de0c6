package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Tests for {@link CivisPropertyNamesCheck}: the names it knows are those of the one
 * {@link CivisProperties} tree.
 */
class CivisPropertyNamesCheckTests {

    @Test
    void knowsEveryCivisPropertyOfThisModulesMetadataAndNoOther() throws Exception {
        // The metadata is generated from CivisProperties when the module is compiled, so the names
        // the check derives from the tree must be exactly the documented ones.
        Path classes = Path.of(CivisProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path metadata = classes.resolve("META-INF/spring-configuration-metadata.json");
        List<String> documented = new ArrayList<>();
        try (InputStream in = Files.newInputStream(metadata)) {
            for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
                String name = property.path("name").asString("");
                if (name.startsWith("civis.")) {
                    documented.add(name);
                }
            }
        }
        assertThat(documented).hasSizeGreaterThan(30);
        assertThat(CivisPropertyNamesCheck.KNOWN.stream().map(ConfigurationPropertyName::toString))
            .containsExactlyInAnyOrderElementsOf(documented);
    }

}
