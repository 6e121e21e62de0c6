package io.github.civis.simulator.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The simulator in a container, for tests that want it out of process. The image is built
 * locally from the simulator's executable jar on a JRE base image (the environment variable
 * {@code CIVIS_TEST_BASE_IMAGE}, default {@code eclipse-temurin:17-jre}). The container uses
 * host networking and listens on {@code 127.0.0.1} on a free port picked before start, so it
 * works where Docker has no bridge network.
 *
 * <pre>{@code
 * @Container
 * static CivisSimulatorContainer civis = new CivisSimulatorContainer();
 *
 * CivisClient client = CivisClient.builder().baseUrl(civis.getBaseUrl()).apiKey(civis.getApiKey()).build();
 * }</pre>
 */
public class CivisSimulatorContainer extends GenericContainer<CivisSimulatorContainer> {

    /** The API key the container accepts unless another is given. */
    public static final String DEFAULT_API_KEY = "civis-simulator-test-key";

    /** The system property naming the simulator jar. */
    public static final String JAR_PROPERTY = "civis.simulator.jar";

    /** The environment variable naming the base image. */
    public static final String BASE_IMAGE_VARIABLE = "CIVIS_TEST_BASE_IMAGE";

    private static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    private final String apiKey;
    private final int port;

    /** A container of the jar found by {@link #defaultJar()}, accepting {@link #DEFAULT_API_KEY}. */
    public CivisSimulatorContainer() {
        this(defaultJar(), DEFAULT_API_KEY);
    }

    /**
     * A container of that simulator jar accepting that key.
     *
     * @param simulatorJar the executable simulator jar
     * @param apiKey the API key to accept
     */
    public CivisSimulatorContainer(Path simulatorJar, String apiKey) {
        super(image(simulatorJar));
        this.apiKey = apiKey;
        this.port = freePort();
        withNetworkMode("host");
        withCommand("--host", "127.0.0.1", "--port", String.valueOf(port), "--api-key", apiKey);
        // Port checks need port mappings, which host networking has not: wait for the log line instead.
        waitingFor(Wait.forLogMessage(".*Civis simulator listening.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
    }

    /** The base URL of the simulator, e.g. {@code http://127.0.0.1:40123/}. */
    public String getBaseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** The API key the simulator accepts. */
    public String getApiKey() {
        return apiKey;
    }

    /** The port the simulator listens on, on the host's loopback. */
    public int getPort() {
        return port;
    }

    /**
     * The simulator jar: the system property {@value #JAR_PROPERTY}, else
     * {@code civis-simulator/target/civis-simulator.jar} under the working directory or its parent,
     * else {@code target/civis-simulator.jar}.
     */
    public static Path defaultJar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        Path here = Paths.get("").toAbsolutePath();
        for (Path candidate : new Path[] { here.resolve("civis-simulator/target/civis-simulator.jar"),
                here.resolveSibling("civis-simulator/target/civis-simulator.jar"),
                here.resolve("target/civis-simulator.jar") }) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No simulator jar: set -D" + JAR_PROPERTY
                + " or build civis-simulator/target/civis-simulator.jar (mvn package)");
    }

    private static ImageFromDockerfile image(Path simulatorJar) {
        if (!Files.isRegularFile(simulatorJar)) {
            throw new IllegalArgumentException("No simulator jar at " + simulatorJar);
        }
        String base = System.getenv(BASE_IMAGE_VARIABLE);
        String from = (base != null && !base.isBlank()) ? base : DEFAULT_BASE_IMAGE;
        // A fresh name per container, removed when the JVM ends, so that parallel builds never share an image.
        return new ImageFromDockerfile()
            .withFileFromPath("civis-simulator.jar", simulatorJar)
            .withDockerfileFromBuilder(dockerfile -> dockerfile.from(from)
                .copy("civis-simulator.jar", "/opt/civis-simulator/civis-simulator.jar")
                .entryPoint("java", "-jar", "/opt/civis-simulator/civis-simulator.jar")
                .build());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free port on the loopback interface", ex);
        }
    }
}
