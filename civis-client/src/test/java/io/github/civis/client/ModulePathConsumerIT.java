package io.github.civis.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application on the module path sees the client's public packages and nothing else: a consumer
 * module that uses the client compiles, one that imports an internal type does not. Runs against
 * the packaged jar, whose module descriptor is compiled after the unit tests.
 */
class ModulePathConsumerIT {

    private static final Path JAR = Path.of(System.getProperty("civis.client.jar", "target/civis-client.jar"));

    private static final Path RUNTIME_CLASSPATH = Path.of(System.getProperty("civis.client.runtime-classpath",
            "target/runtime-classpath.txt"));

    @TempDir
    Path work;

    @Test
    void theJarIsAModuleExportingExactlyThePublicPackages() throws IOException {
        ModuleReference module = ModuleFinder.of(JAR).findAll().iterator().next();
        ModuleDescriptor descriptor = module.descriptor();
        assertThat(descriptor.name()).isEqualTo("io.github.civis.client");
        assertThat(descriptor.isAutomatic()).isFalse();
        Set<String> unqualified = descriptor.exports().stream().filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        assertThat(unqualified).isEqualTo(PublicPackagesTest.documentedPackages());
        assertThat(descriptor.packages()).anyMatch(name -> name.contains(".internal"));
    }

    @Test
    void aConsumerModuleUsingThePublicApiCompiles() throws IOException {
        String errors = compile("""
                package example.app;

                import io.github.civis.client.CivisClient;
                import io.github.civis.client.error.CivisApiException;
                import io.github.civis.client.runs.CivisRuns;

                public class App {
                    public static String me(CivisClient client) {
                        try {
                            CivisRuns runs = client.runs();
                            return client.users().getMe().username() + runs;
                        }
                        catch (CivisApiException ex) {
                            return ex.getMessage();
                        }
                    }
                }
                """);
        assertThat(errors).isEmpty();
    }

    @Test
    void aConsumerModuleImportingAnInternalTypeDoesNotCompile() throws IOException {
        String errors = compile("""
                package example.app;

                import io.github.civis.client.internal.BlockingWait;

                public class App {
                    Object wait = BlockingWait.class;
                }
                """);
        assertThat(errors).contains("package io.github.civis.client.internal is not visible")
            .contains("does not export it");
    }

    private String compile(String source) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/example/app"));
        Files.writeString(work.resolve("src/module-info.java"),
                "module example.app { requires io.github.civis.client; }\n");
        Files.writeString(sources.resolve("App.java"), source);
        List<String> modulePath = new ArrayList<>();
        modulePath.add(JAR.toString());
        for (String entry : Files.readString(RUNTIME_CLASSPATH).strip().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                modulePath.add(entry);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter output = new StringWriter();
        // An empty class path: javac would otherwise take this test's own, which holds the client's classes.
        List<String> options = List.of("--release", "17", "-d", work.resolve("classes").toString(),
                "-classpath", Files.createDirectories(work.resolve("empty")).toString(),
                "--module-path", String.join(java.io.File.pathSeparator, modulePath));
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            ok = javac.getTask(output, files, null, options, null,
                    files.getJavaFileObjects(work.resolve("src/module-info.java"), sources.resolve("App.java"))).call();
        }
        String text = output.toString();
        if (ok && !text.contains("error:")) {
            return "";
        }
        return text.isEmpty() ? "compilation failed" : text;
    }

}
