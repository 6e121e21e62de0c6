package io.github.civis.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An in-process stand-in for the Civis API answering {@code GET /users/me}, for tests.
 */
public final class CivisApiStub implements AutoCloseable {

    /** User name the stub answers {@code /users/me} with. */
    public static final String USERNAME = "alice";

    private final MockWebServer server = new MockWebServer();

    private volatile int status = 200;

    private volatile long delayMillis;

    /**
     * Starts a stub on a free loopback port.
     */
    public CivisApiStub() {
        this.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return respond(request);
            }
        });
        try {
            this.server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private MockResponse respond(RecordedRequest request) {
        MockResponse.Builder response = new MockResponse.Builder().addHeader("Content-Type", "application/json")
            .addHeader("X-RateLimit-Remaining", "42");
        if (this.delayMillis > 0) {
            response.headersDelay(this.delayMillis, TimeUnit.MILLISECONDS);
        }
        if (this.status != 200) {
            return response.code(this.status)
                .body("{\"error\":\"unauthorized\",\"errorDescription\":\"Invalid token\"}")
                .build();
        }
        if (request.getUrl().encodedPath().equals("/users/me")) {
            return response.body("{\"id\":1,\"username\":\"" + USERNAME + "\",\"name\":\"Alice Example\"}").build();
        }
        return response.code(404).body("{\"error\":\"not_found\"}").build();
    }

    /**
     * Base URL of the stub, with a trailing slash.
     * @return the URL
     */
    public String baseUrl() {
        return this.server.url("/").toString();
    }

    /**
     * Makes every further call answer with a status.
     * @param status the HTTP status
     * @return this stub
     */
    public CivisApiStub answerWith(int status) {
        this.status = status;
        return this;
    }

    /**
     * Delays every further answer.
     * @param millis the delay
     * @return this stub
     */
    public CivisApiStub delayBy(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /**
     * Number of requests received so far.
     * @return the count
     */
    public int requestCount() {
        return this.server.getRequestCount();
    }

    /**
     * Next request received, waiting at most a few seconds.
     * @return the request
     */
    public RecordedRequest takeRequest() {
        try {
            return this.server.takeRequest(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        this.server.close();
    }

}
