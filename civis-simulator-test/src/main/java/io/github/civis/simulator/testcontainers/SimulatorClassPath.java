package io.github.civis.simulator.testcontainers;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import io.github.civis.simulator.CivisSimulator;

/**
 * The class path the container's simulator runs with: the entries of the running JVM's class path
 * that hold what the simulator runs on, found without knowing where they come from (Maven, Gradle
 * or an IDE).
 */
final class SimulatorClassPath {

    /**
     * What the simulator runs on (the packages of its executable jar): this project, Reactor Netty
     * and Netty, Reactor, Jackson, JSpecify. Everything else of a test's class path (Spring, the
     * test frameworks, Testcontainers, logging back ends) stays out of the image, which keeps it
     * small and makes the simulator log through {@code java.util.logging} as its executable jar does.
     */
    private static final List<String> NEEDED_PACKAGES = List.of("io/github/civis/", "io/netty/", "reactor/",
            "org/reactivestreams/", "tools/jackson/", "com/fasterxml/jackson/", "org/jspecify/");

    private SimulatorClassPath() {
    }

    /**
     * The jars of the class path (a manifest-only jar's {@code Class-Path} expanded) and directories
     * that hold classes of the {@link #NEEDED_PACKAGES}, plus the jar or directory of the simulator's
     * own classes.
     *
     * @throws IllegalStateException when the simulator's classes are not loaded from a jar or directory
     */
    static List<Path> entries() {
        return entries(System.getProperty("java.class.path", ""));
    }

    /** {@link #entries()} of that class path. */
    static List<Path> entries(String classPath) {
        Path simulator = codeSource(CivisSimulator.class);
        Set<Path> entries = new LinkedHashSet<>();
        for (Path entry : expand(classPath)) {
            if (Files.isRegularFile(entry) ? jarHoldsNeededPackage(entry) : directoryHoldsNeededPackage(entry)) {
                entries.add(entry);
            }
        }
        entries.add(simulator);
        return new ArrayList<>(entries);
    }

    private static List<Path> expand(String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String element : classPath.split(Pattern.quote(File.pathSeparator))) {
            if (element.isBlank()) {
                continue;
            }
            Path entry = Path.of(element).toAbsolutePath().normalize();
            entries.add(entry);
            entries.addAll(manifestClassPath(entry));
        }
        return entries;
    }

    private static boolean jarHoldsNeededPackage(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(entry -> NEEDED_PACKAGES.stream().anyMatch(entry.getName()::startsWith));
        }
        catch (IOException ex) {
            return false; // not a jar: nothing a class loader could read either
        }
    }

    private static boolean directoryHoldsNeededPackage(Path directory) {
        // Classes built but not packaged, as in this project's own tests.
        return Files.isDirectory(directory)
                && NEEDED_PACKAGES.stream().anyMatch(pkg -> Files.isDirectory(directory.resolve(pkg)));
    }

    /** The {@code Class-Path} of a jar's manifest: build tools shorten long class paths this way. */
    private static List<Path> manifestClassPath(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = (manifest != null) ? manifest.getMainAttributes().getValue("Class-Path") : null;
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<Path> entries = new ArrayList<>();
            for (String element : classPath.trim().split("\\s+")) {
                try {
                    entries.add(Path.of(jar.getParent().toUri().resolve(element)).normalize());
                }
                catch (IllegalArgumentException ex) {
                    // Not a file URL: nothing a container could copy.
                }
            }
            return entries;
        }
        catch (IOException ex) {
            return List.of();
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("Cannot tell where " + type.getName() + " was loaded from");
            }
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        }
        catch (URISyntaxException | IllegalArgumentException ex) {
            throw new IllegalStateException(type.getName() + " is not loaded from a jar or a directory", ex);
        }
    }
}
