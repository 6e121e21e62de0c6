package io.github.civis.simulator.testcontainers;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;
import org.testcontainers.containers.GenericContainer;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.simulator.CivisSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/** What the container's image is built from: the test's own class path, without paths into a build. */
class SimulatorClassPathTest {

    @Test
    void holdsTheSimulatorAndWhatItRunsOnButNotTheRestOfTheTestClassPath() throws Exception {
        List<Path> entries = SimulatorClassPath.entries();

        assertThat(entries).contains(location(CivisSimulator.class), location(HttpServer.class),
                location(Mono.class), location(JsonMapper.class));
        assertThat(entries).doesNotContain(location(Test.class), location(GenericContainer.class),
                location(ApplicationContext.class));
        assertThat(entries).noneMatch(entry -> entry.getFileName().toString().matches("(slf4j|logback|log4j).*"));
    }

    @Test
    void followsTheClassPathOfAManifestOnlyJar(@TempDir Path dir) throws Exception {
        Path netty = jar(dir.resolve("netty-like.jar"), null, "io/netty/Like.class");
        Path logging = jar(dir.resolve("logback-like.jar"), null, "ch/qos/logback/Like.class");
        Path launcher = jar(dir.resolve("launcher.jar"), "netty-like.jar logback-like.jar missing.jar");

        List<Path> entries = SimulatorClassPath.entries(launcher + File.pathSeparator + dir.resolve("other.jar"));

        assertThat(entries).contains(netty, location(CivisSimulator.class))
            .doesNotContain(launcher, logging, dir.resolve("missing.jar"), dir.resolve("other.jar"));
    }

    private static Path jar(Path file, String classPath, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (String entry : entries) {
                jar.putNextEntry(new JarEntry(entry));
                jar.closeEntry();
            }
        }
        return file;
    }

    private static Path location(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        }
        catch (java.net.URISyntaxException ex) {
            throw new IOException(ex);
        }
    }
}
