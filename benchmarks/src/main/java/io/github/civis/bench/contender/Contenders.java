package io.github.civis.bench.contender;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.ratelimit.RateLimitSettings;

/** The contenders known to the harness, by name. */
public final class Contenders {

    /** Class of the openapi-generator contender, compiled only in the {@code peer} build. */
    public static final String PEER_CLASS = "io.github.civis.bench.peer.OpenApiGeneratorContender";

    /** Name of the openapi-generator contender. */
    public static final String PEER = "openapi-generator";

    /**
     * Name of the openapi-generator client called with {@code block()} from platform threads in
     * the in-flight scenarios: the like-for-like baseline of {@code ours-blocking}.
     */
    public static final String PEER_BLOCKING = "openapi-generator-blocking";

    /** The same from virtual threads (a Java 21+ runtime only): the baseline of {@code ours-blocking-virtual}. */
    public static final String PEER_BLOCKING_VIRTUAL = "openapi-generator-blocking-virtual";

    /** Name of the page-by-page listAll proposal, run only when asked for with {@code --only}. */
    public static final String PROPOSAL_PAGEWISE = "proposal-pagewise";

    /** Name of the stub-ceiling reference. */
    public static final String CEILING = "stub-ceiling";

    private Contenders() {
    }

    /** Whether the openapi-generator contender was built into this classpath. */
    public static boolean peerAvailable() {
        try {
            Class.forName(PEER_CLASS, false, Contenders.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException ex) {
            return false;
        }
    }

    /** Name of our blocking API called from virtual threads (a Java 21+ runtime only). */
    public static final String OURS_VIRTUAL = "ours-blocking-virtual";

    /** Name of our blocking API with {@code blockingIo(true)}: blocking sockets on the calling thread. */
    public static final String OURS_BLOCKING_IO = "ours-blocking-io";

    /** Name of our blocking API over a {@code WebClient} ({@code civis.transport=web-client}). */
    public static final String OURS_WEB_CLIENT = "ours-web-client";

    /** Whether this runtime has virtual threads (Java 21+). */
    public static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /** Names of the contenders that can run here, in table order. */
    public static List<String> available() {
        List<String> names = new ArrayList<>(List.of("ours-blocking", OURS_BLOCKING_IO, "ours-reactive"));
        if (virtualThreadsAvailable()) {
            names.add(OURS_VIRTUAL);
        }
        names.add(OURS_WEB_CLIENT);
        names.add("raw");
        if (peerAvailable()) {
            names.add(PEER);
            names.add(PEER_BLOCKING);
            if (virtualThreadsAvailable()) {
                names.add(PEER_BLOCKING_VIRTUAL);
            }
        }
        return names;
    }

    /**
     * Creates a contender.
     * @param name its name
     * @param baseUrl the stub's base URL
     * @return the contender
     */
    public static Contender create(String name, String baseUrl) {
        Function<String, Contender> factory = switch (name) {
            case "ours-blocking" -> OursBlocking::new;
            case "ours-reactive" -> OursReactive::new;
            case OURS_VIRTUAL -> url -> new OursBlocking(OURS_VIRTUAL,
                    oursBuilder().baseUrl(url).apiKey("bench-key").build(), true);
            case OURS_BLOCKING_IO -> url -> new OursBlocking(OURS_BLOCKING_IO,
                    oursBuilder().blockingIo(true).baseUrl(url).apiKey("bench-key").build(), false);
            case OURS_WEB_CLIENT -> url -> new OursBlocking(OURS_WEB_CLIENT,
                    oursBuilder().webClientBuilder(WebClient.builder()).baseUrl(url).apiKey("bench-key").build(), false);
            case "raw" -> RawHttp::new;
            case CEILING -> NettyCeiling::new;
            case PROPOSAL_PAGEWISE -> PagewiseProposal::new;
            case BlockingIoProposal.NAME -> BlockingIoProposal::new;
            case PEER -> url -> peer(url, PEER, false, false);
            case PEER_BLOCKING -> url -> peer(url, PEER_BLOCKING, true, false);
            case PEER_BLOCKING_VIRTUAL -> url -> peer(url, PEER_BLOCKING_VIRTUAL, true, true);
            default -> throw new IllegalArgumentException("unknown contender " + name);
        };
        return factory.apply(baseUrl);
    }

    /**
     * The builder our contenders start from: the defaults, unless the system property
     * {@code bench.ours.maxConnections} sets the pool size (for experiments on the pool, e.g.
     * {@code -Dbench.ours.maxConnections=16} against the default). The rate budget is off: the
     * benchmarks send far more than the platform's 1000 calls per 300 s to a local server.
     * @return a builder
     */
    public static CivisClient.Builder oursBuilder() {
        CivisClient.Builder builder = CivisClient.builder().rateLimit(RateLimitSettings.disabled());
        Integer maxConnections = Integer.getInteger("bench.ours.maxConnections");
        if (maxConnections != null) {
            builder.maxConnections(maxConnections);
        }
        return builder;
    }

    private static Contender peer(String baseUrl, String name, boolean blocking, boolean virtualThreads) {
        try {
            return (Contender) Class.forName(PEER_CLASS)
                .getConstructor(String.class, String.class, boolean.class, boolean.class)
                .newInstance(baseUrl, name, blocking, virtualThreads);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("the openapi-generator contender is not built (run scripts/bench)", ex);
        }
    }
}
