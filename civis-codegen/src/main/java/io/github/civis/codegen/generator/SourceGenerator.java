package io.github.civis.codegen.generator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Generates the Java API from the catalog (placeholder until the generator lands). */
public final class SourceGenerator {

    private SourceGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(Path.of(args[1]));
    }
}
