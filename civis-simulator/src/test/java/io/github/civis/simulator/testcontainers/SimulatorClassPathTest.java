package io.github.civis.simulator.testcontainers;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.server.HttpServer;

import io.github.civis.simulator.CivisSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/** What the container's image is built from: the test's own class path, without paths into a build. */
class SimulatorClassPathTest {

    @Test
    void holdsTheSimulatorAndItsLibrariesButNoLoggingBackEnd() throws Exception {
        List<Path> entries = SimulatorClassPath.entries();

        assertThat(entries).contains(location(CivisSimulator.class), location(HttpServer.class));
        assertThat(entries).noneMatch(entry -> entry.getFileName().toString().matches("(slf4j|logback|log4j).*"));
    }

    @Test
    void followsTheClassPathOfAManifestOnlyJar(@TempDir Path dir) throws Exception {
        Path library = Files.createFile(dir.resolve("library.jar"));
        Path logging = Files.createFile(dir.resolve("logback-classic-1.5.0.jar"));
        Path launcher = dir.resolve("launcher.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "library.jar logback-classic-1.5.0.jar");
        try (OutputStream out = Files.newOutputStream(launcher); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }

        List<Path> entries = SimulatorClassPath.entries(launcher + File.pathSeparator + dir.resolve("missing.jar"));

        assertThat(entries).contains(launcher, library, location(CivisSimulator.class))
            .doesNotContain(logging, dir.resolve("missing.jar"));
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
