package io.github.civis.simulator.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

import io.github.civis.simulator.Main;

/**
 * The simulator in a container, for tests that want it out of process.
 *
 * <p>The image is built locally on a JRE base image (the environment variable
 * {@value #BASE_IMAGE_VARIABLE}, default {@code eclipse-temurin:17-jre}) from the simulator found on
 * the test's class path: the {@code civis-simulator} jar and the jars it runs on (Netty, Reactor,
 * Jackson, the client's catalog), copied from the class path the test runs with. Nothing has to be built or downloaded beforehand, and no file
 * of this project's build is looked for. {@link #CivisSimulatorContainer(Path, String)} takes the
 * executable jar instead.
 *
 * <p>By default the container listens on a mapped port, as any container does. Where Docker can
 * only run containers with host networking, set the environment variable
 * {@value #HOST_NETWORK_VARIABLE} (or the system property {@value #HOST_NETWORK_PROPERTY}) to
 * {@code true}: the container then uses the host's network and listens on {@code 127.0.0.1} on a
 * free port picked before start.
 *
 * <pre>{@code
 * @Container
 * static CivisSimulatorContainer civis = new CivisSimulatorContainer();
 *
 * CivisClient client = CivisClient.builder().baseUrl(civis.getBaseUrl()).apiKey(civis.getApiKey()).build();
 * }</pre>
 *
 * With Spring Boot, declare it {@code @ServiceConnection} and the application's client points at it.
 */
public class CivisSimulatorContainer extends GenericContainer<CivisSimulatorContainer> {

    /** The API key the container accepts unless another is given. */
    public static final String DEFAULT_API_KEY = "civis-simulator-test-key";

    /** The environment variable naming the base image. */
    public static final String BASE_IMAGE_VARIABLE = "CIVIS_TEST_BASE_IMAGE";

    /** The environment variable that, set to {@code true}, makes containers use host networking. */
    public static final String HOST_NETWORK_VARIABLE = "CIVIS_TEST_HOST_NETWORK";

    /** The system property that, set to {@code true}, makes containers use host networking. */
    public static final String HOST_NETWORK_PROPERTY = "civis.test.host-network";

    /** The port the simulator listens on inside the container when ports are mapped. */
    public static final int SIMULATOR_PORT = 8080;

    private static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final String apiKey;

    /** The port on the host's loopback with host networking, {@code null} with mapped ports. */
    private final @Nullable Integer hostPort;

    /** A container of the simulator on the class path, accepting {@link #DEFAULT_API_KEY}. */
    public CivisSimulatorContainer() {
        this(DEFAULT_API_KEY);
    }

    /**
     * A container of the simulator on the class path, accepting that key.
     *
     * @param apiKey the API key to accept
     */
    public CivisSimulatorContainer(String apiKey) {
        this(SimulatorImage.fromClassPath(baseImage()), apiKey);
    }

    /**
     * A container of that executable simulator jar ({@code java -jar} runnable), accepting that key.
     *
     * @param executableJar the executable simulator jar
     * @param apiKey the API key to accept
     */
    public CivisSimulatorContainer(Path executableJar, String apiKey) {
        this(SimulatorImage.fromExecutableJar(executableJar, baseImage()), apiKey);
    }

    private CivisSimulatorContainer(ImageFromDockerfile image, String apiKey) {
        super(image);
        this.apiKey = apiKey;
        if (hostNetworkRequested()) {
            int port = freePort();
            this.hostPort = port;
            withNetworkMode("host");
            withCommand("--host", "127.0.0.1", "--port", String.valueOf(port), "--api-key", apiKey);
            // Port checks need port mappings, which host networking has not: wait for the log line instead.
            waitingFor(Wait.forLogMessage(".*Civis simulator listening.*", 1).withStartupTimeout(STARTUP_TIMEOUT));
        }
        else {
            this.hostPort = null;
            withExposedPorts(SIMULATOR_PORT);
            withCommand("--host", "0.0.0.0", "--port", String.valueOf(SIMULATOR_PORT), "--api-key", apiKey);
            // Ready when an authenticated call answers through the mapped port.
            waitingFor(Wait.forHttp("/users/me")
                .forPort(SIMULATOR_PORT)
                .withHeader("Authorization", "Bearer " + apiKey)
                .forStatusCode(200)
                .withStartupTimeout(STARTUP_TIMEOUT));
        }
    }

    /**
     * Whether containers use host networking: the system property {@value #HOST_NETWORK_PROPERTY}
     * or else the environment variable {@value #HOST_NETWORK_VARIABLE} is {@code true}.
     */
    public static boolean hostNetworkRequested() {
        String property = System.getProperty(HOST_NETWORK_PROPERTY);
        String setting = (property != null) ? property : System.getenv(HOST_NETWORK_VARIABLE);
        return Boolean.parseBoolean((setting != null) ? setting.trim() : null);
    }

    /** Whether this container uses host networking. */
    public boolean usesHostNetwork() {
        return hostPort != null;
    }

    /** The base URL of the simulator as seen from the test, e.g. {@code http://localhost:40123/}. */
    public String getBaseUrl() {
        String host = usesHostNetwork() ? "127.0.0.1" : getHost();
        return "http://" + host + ":" + getPort() + "/";
    }

    /** The API key the simulator accepts. */
    public String getApiKey() {
        return apiKey;
    }

    /** The port the simulator answers on, as seen from the test (the mapped port, unless host networking). */
    public int getPort() {
        return (hostPort != null) ? hostPort : getMappedPort(SIMULATOR_PORT);
    }

    private static String baseImage() {
        String base = System.getenv(BASE_IMAGE_VARIABLE);
        return (base != null && !base.isBlank()) ? base.trim() : DEFAULT_BASE_IMAGE;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free port on the loopback interface", ex);
        }
    }

    /** The simulator's main class, run by the image built from the class path. */
    static final String MAIN_CLASS = Main.class.getName();

    /** Builds the container's image. */
    static final class SimulatorImage {

        private static final String HOME = "/opt/civis-simulator/";

        private SimulatorImage() {
        }

        static ImageFromDockerfile fromExecutableJar(Path executableJar, String baseImage) {
            if (!Files.isRegularFile(executableJar)) {
                throw new IllegalArgumentException("No simulator jar at " + executableJar);
            }
            // A fresh name per container, removed when the JVM ends, so that parallel builds never share an image.
            return new ImageFromDockerfile()
                .withFileFromPath("civis-simulator.jar", executableJar)
                .withDockerfileFromBuilder(dockerfile -> dockerfile.from(baseImage)
                    .copy("civis-simulator.jar", HOME + "civis-simulator.jar")
                    .entryPoint("java", "-jar", HOME + "civis-simulator.jar")
                    .build());
        }

        static ImageFromDockerfile fromClassPath(String baseImage) {
            List<Path> entries = SimulatorClassPath.entries();
            ImageFromDockerfile image = new ImageFromDockerfile();
            List<String> inImage = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Path entry = entries.get(i);
                // Numbered so that two jars of the same name stay apart and the order is kept.
                String name = String.format("lib/%03d-%s", i, entry.getFileName());
                image.withFileFromPath(name, entry);
                inImage.add(HOME + name);
            }
            String classPath = String.join(":", inImage);
            return image.withDockerfileFromBuilder(dockerfile -> dockerfile.from(baseImage)
                .copy("lib", HOME + "lib")
                .entryPoint("java", "-cp", classPath, MAIN_CLASS)
                .build());
        }
    }
}
