package io.github.civis.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of the client, the generated ones included, declares JSpecify's
 * {@code @NullMarked}: a type is non-null unless it says {@code @Nullable}.
 */
class NullMarkedPackagesTest {

    @Test
    void everyPackageIsNullMarked() throws IOException {
        Path classes = Path.of("target/classes");
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/github/civis/client"))) {
            files.filter(file -> file.toString().endsWith(".class"))
                .map(file -> classes.relativize(file.getParent()).toString())
                .forEach(directory -> packages.add(directory.replace(java.io.File.separatorChar, '.')));
        }
        assertThat(packages).contains("io.github.civis.client", "io.github.civis.client.api",
                "io.github.civis.client.model", "io.github.civis.client.request",
                "io.github.civis.client.internal.transport");
        assertThat(packages).allSatisfy(name -> {
            Class<?> info = Class.forName(name + ".package-info");
            assertThat(info.isAnnotationPresent(NullMarked.class)).as(name).isTrue();
        });
    }
}
