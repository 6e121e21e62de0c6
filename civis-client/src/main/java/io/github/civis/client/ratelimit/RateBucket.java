package io.github.civis.client.ratelimit;

/**
 * The two budgets the platform keeps per API key.
 */
public enum RateBucket {

    /** Every request but the run-creating ones: 1000 per 300 s on the platform. */
    GENERAL("general"),

    /** {@code POST} requests to a route ending in {@code /runs}: 100 per 300 s on the platform. */
    RUN_CREATING("run-creating");

    private final String label;

    RateBucket(String label) {
        this.label = label;
    }

    /** The bucket's name in messages, metrics tags and store keys: {@code general} or {@code run-creating}. */
    public String label() {
        return label;
    }

    /**
     * The bucket a call counts against.
     * @param method the HTTP verb
     * @param route the route template or path, e.g. {@code /jobs/{id}/runs}
     * @return {@link #RUN_CREATING} for a {@code POST} to a route ending in {@code /runs}, else {@link #GENERAL}
     */
    public static RateBucket of(String method, String route) {
        String trimmed = route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
        return ("POST".equalsIgnoreCase(method) && trimmed.endsWith("/runs")) ? RUN_CREATING : GENERAL;
    }
}
