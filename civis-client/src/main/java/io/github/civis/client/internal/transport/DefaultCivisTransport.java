package io.github.civis.client.internal.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import io.micrometer.observation.Observation;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.util.UriUtils;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import io.github.civis.client.error.CivisApiError;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisConfigurationException;
import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.error.CivisResponseFormatException;
import io.github.civis.client.error.CivisResponseTooLargeException;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.error.CivisTypeMismatchException;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisObservationDocumentation;
import io.github.civis.client.observation.CivisRequestContext;
import io.github.civis.client.observation.CivisRetryEvent;
import io.github.civis.client.observation.DefaultCivisClientObservationConvention;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.internal.pagination.Page;
import io.github.civis.client.internal.pagination.Paginator;
import io.github.civis.client.internal.retry.BlockingRetryExecutor;
import io.github.civis.client.internal.retry.ReactiveRetryExecutor;
import io.github.civis.client.internal.ratelimit.RateBudget;
import io.github.civis.client.internal.retry.RetryObserver;
import io.github.civis.client.ratelimit.LocalRateLimitStore;
import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStatus;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.CivisTransport;
import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ParameterDescriptor;
import io.github.civis.client.transport.ResponseMetadata;
import io.github.civis.client.transport.ResponseReader;

/**
 * The production {@link CivisTransport}: one shared Reactor Netty client (and so one connection
 * pool) for every call, no locks, safe to use from any number of threads. Requests go through
 * an application's {@link WebClient} when the client was built from its builder, and straight
 * to Reactor Netty otherwise ({@link Exchange}).
 *
 * <p>Each attempt is one reactive exchange. {@link #callReactive} retries it with Reactor's
 * {@code retryWhen}; {@link #call} blocks on single attempts inside Spring's {@code RetryTemplate},
 * so a blocking caller's thread does the waiting. Both follow the same
 * {@link io.github.civis.client.retry.CivisRetryPolicy}. {@code call} must not be used on a
 * Reactor event-loop thread.
 */
public final class DefaultCivisTransport implements CivisTransport {

    private static final Log logger = LogFactory.getLog(DefaultCivisTransport.class);

    private static final DefaultCivisClientObservationConvention DEFAULT_CONVENTION =
            new DefaultCivisClientObservationConvention();

    /** Value of {@code ObservationThreadLocalAccessor.KEY}, spelled out to avoid needing context-propagation. */
    private static final String OBSERVATION_CONTEXT_KEY = "micrometer.observation";

    /** The Reactor context key under which the rate-budget stage hands an attempt its API key. */
    private static final String KEY_CONTEXT = "civis.apiKey";

    private static final int EXCERPT_LENGTH = 200;

    private static final byte[] NO_BODY = new byte[0];

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    /** Longest {@code Retry-After} taken as sent; larger values (or absurd ones) are clamped to it. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    private final Exchange exchange;
    private final TransportSettings settings;
    /** The headers every request carries besides {@code Authorization}, in order; built once. */
    private final Map<String, String> fixedHeaders;
    private final String baseUrl;
    private final BlockingRetryExecutor blockingRetry;
    private final ReactiveRetryExecutor reactiveRetry;
    /** Shared by every transport: a mapper is thread-safe, and building one costs start-up time. */
    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    private final JsonMapper json = JSON_MAPPER;
    private final AtomicReference<RateLimitStatus> rateLimit;
    private final RateBudget budget;
    private volatile @Nullable Authorization lastAuthorization;

    /**
     * Creates the transport over a {@link WebClient}, whose filters, codecs and HTTP observation
     * then apply to every attempt.
     * @param webClient the client every call goes through; its connector sets the connect and
     *        response timeouts and the connection pool
     * @param settings the validated settings
     */
    public DefaultCivisTransport(WebClient webClient, TransportSettings settings) {
        this(webClient, settings, disabledBudget(settings));
    }

    /**
     * Creates the transport over a {@link WebClient}, with a rate budget every call draws from.
     * @param webClient the client every call goes through
     * @param settings the validated settings
     * @param budget the rate budget
     */
    public DefaultCivisTransport(WebClient webClient, TransportSettings settings, RateBudget budget) {
        this(new WebClientExchange(webClient), settings, new AtomicReference<>(RateLimitStatus.unknown()), budget);
    }

    /**
     * Creates the transport straight over Reactor Netty, for a client that no application's
     * {@code WebClient.Builder} customizes: the same connections, timeouts and behaviour, with
     * less work per call.
     * @param http the client every call goes through; it sets the connect and response timeouts
     *        and the connection pool
     * @param maxInMemorySize the largest response body held, in bytes; a larger one fails the call
     * @param settings the validated settings
     */
    public DefaultCivisTransport(HttpClient http, int maxInMemorySize, TransportSettings settings) {
        this(http, maxInMemorySize, settings, disabledBudget(settings));
    }

    /**
     * Creates the transport straight over Reactor Netty, with a rate budget every call draws from.
     * @param http the client every call goes through
     * @param maxInMemorySize the largest response body held, in bytes
     * @param settings the validated settings
     * @param budget the rate budget
     */
    public DefaultCivisTransport(HttpClient http, int maxInMemorySize, TransportSettings settings, RateBudget budget) {
        this(new NettyExchange(http, maxInMemorySize), settings, new AtomicReference<>(RateLimitStatus.unknown()),
                budget);
    }

    private static RateBudget disabledBudget(TransportSettings settings) {
        return new RateBudget(RateLimitSettings.disabled(), new LocalRateLimitStore(), settings.apiKey(),
                settings.listener());
    }

    private DefaultCivisTransport(Exchange exchange, TransportSettings settings,
            AtomicReference<RateLimitStatus> rateLimit, RateBudget budget) {
        this.rateLimit = rateLimit;
        this.budget = budget;
        this.exchange = exchange;
        this.settings = settings;
        String base = settings.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put(HttpHeaders.USER_AGENT, settings.userAgent());
        fixed.put(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        fixed.putAll(settings.extraHeaders());
        this.fixedHeaders = Collections.unmodifiableMap(fixed);
        this.blockingRetry = new BlockingRetryExecutor(settings.retryPolicy(), settings.sleeper(), settings.clock());
        this.reactiveRetry = new ReactiveRetryExecutor(settings.retryPolicy(), settings.sleeper(), settings.clock());
    }

    /**
     * A transport over the same connections that follows another retry policy, e.g. none for a
     * health check that must answer within its own timeout.
     * @param policy the retry policy
     * @return the transport
     */
    public DefaultCivisTransport withRetryPolicy(io.github.civis.client.retry.CivisRetryPolicy policy) {
        // the rate-limit window and the budget are the key's, whichever policy made the call
        return new DefaultCivisTransport(exchange, settings.withRetryPolicy(policy), rateLimit, budget);
    }

    /** The rate budget every call draws from before it is sent. */
    public RateBudget rateBudget() {
        return budget;
    }

    /** The rate-limit headers of the latest response that carried them. */
    public RateLimitStatus rateLimit() {
        return rateLimit.get();
    }

    /** The settings this transport uses. */
    public TransportSettings settings() {
        return settings;
    }

    @Override
    public <T> T call(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
        CivisRequestContext context = newContext(operation);
        Observation observation = observation(context).start();
        try (Observation.Scope scope = observation.openScope()) {
            return blockingRetry.execute(operation.displayName(), operation.method(),
                    () -> blockingAttempt(operation, arguments, reader, context, observation),
                    retryObserver(operation, observation));
        }
        catch (RuntimeException ex) {
            CivisException failure = asCivisException(ex, operation);
            observation.error(failure);
            throw failure;
        }
        catch (Error ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

    /**
     * Every failure a call raises is a {@link CivisException}; anything else that escapes (a
     * bug, a failing reader) is wrapped, so that callers need to catch one type only.
     */
    private static CivisException asCivisException(Throwable failure, OperationDescriptor operation) {
        if (failure instanceof CivisException civis) {
            return civis;
        }
        return new CivisTransportException(operation.displayName() + " failed unexpectedly: " + failure,
                operation.method(), operation.route(), operation.route(), failure);
    }

    @Override
    public <T> Mono<T> callReactive(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
        return Mono.defer(() -> {
            CivisRequestContext context = newContext(operation);
            Observation observation = observation(context).start();
            Mono<T> call = reactiveRetry.apply(operation.method(),
                    withBudget(operation,
                            withCallTimeout(attempt(operation, arguments, reader, context, observation), operation,
                                    arguments)),
                    retryObserver(operation, observation))
                    .onErrorMap(failure -> !(failure instanceof CivisException) && !(failure instanceof Error),
                            failure -> asCivisException(failure, operation));
            if (observation.isNoop()) {
                return call;
            }
            return call
                    // Stopped before the signal travels on, so that whoever sees the result
                    // also sees the finished observation (and its timer).
                    .doOnSuccess(value -> observation.stop())
                    .doOnError(error -> {
                        observation.error(error);
                        observation.stop();
                    })
                    .doOnCancel(observation::stop);
        });
    }

    /**
     * {@inheritDoc}
     * <p>Reads one page ahead: the next page's request (with its own retries and call timeout)
     * is sent as soon as the current page arrives, so that it travels while the caller works
     * through the current one.
     */
    @Override
    public <T> Stream<T> stream(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
        return Paginator.streamReadingAhead(arguments,
                (pageArguments, number) -> callReactive(operation, pageArguments, Page.reader(number, element))
                        .toFuture(),
                pending -> await(pending, null, operation, arguments));
    }

    @Override
    public <T> Flux<T> flux(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
        return Paginator.flux(arguments,
                (pageArguments, number) -> callReactive(operation, pageArguments, Page.reader(number, element)));
    }

    /**
     * The rate-budget stage: each attempt (a retry too) waits for room in its key's bucket before
     * it is sent; the wait does not count against the call timeout.
     */
    private <T> Mono<T> withBudget(OperationDescriptor operation, Mono<T> attempt) {
        if (!budget.settings().enabled()) {
            return attempt;
        }
        // The key is read once per attempt (a supplier may rotate it) and handed to the attempt.
        return Mono.defer(() -> {
            String key = currentKey();
            return budget.acquire(bucketOf(operation), key, callName(operation)).then(attempt)
                .contextWrite(context -> context.put(KEY_CONTEXT, key));
        });
    }

    private static RateBucket bucketOf(OperationDescriptor operation) {
        return RateBucket.of(operation.method(), operation.route());
    }

    private static String callName(OperationDescriptor operation) {
        return operation.method() + " " + operation.route();
    }

    /**
     * The observation context of a call, or {@code null} when no registry observes: a context
     * holds maps of its own, which a call that nobody observes should not allocate.
     */
    private @Nullable CivisRequestContext newContext(OperationDescriptor operation) {
        return settings.observationRegistry().isNoop() ? null : new CivisRequestContext(operation);
    }

    private Observation observation(@Nullable CivisRequestContext context) {
        if (context == null) {
            return Observation.NOOP;
        }
        return CivisObservationDocumentation.CLIENT_REQUEST.observation(settings.observationConvention(),
                DEFAULT_CONVENTION, () -> context, settings.observationRegistry());
    }

    private RetryObserver retryObserver(OperationDescriptor operation, Observation observation) {
        CivisClientListener listener = settings.listener();
        return (failedAttempt, failure, delay) -> {
            // Only reached when a retry happens. WARN, because a call that keeps failing looks like
            // a hang otherwise. Messages of the client's exceptions never contain the key.
            logger.warn("Retrying " + operation.displayName() + " in " + delay.toMillis() + " ms: attempt "
                    + failedAttempt + " of " + settings.retryPolicy().attemptBudget(failure) + " failed: "
                    + failure.getMessage());
            // Counted once, by the listener (civis.client.retries): an observation event would
            // become a second counter in Micrometer's default handler.
            notifyListener(() -> listener.onRetry(new CivisRetryEvent(operation, failedAttempt, failure, delay)));
        };
    }

    private static void notifyListener(Runnable notification) {
        // A failing metrics hook must not fail the call it observes.
        try {
            notification.run();
        }
        catch (RuntimeException ex) {
            logger.warn("CivisClientListener failed: " + ex);
        }
    }

    /** One attempt: a cold {@code Mono} that sends the request again on every subscription. */
    private <T> Mono<T> attempt(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader,
            @Nullable CivisRequestContext context, Observation parent) {
        Mono<T> attempt = Mono.deferContextual(reactorContext -> {
            String path = expandRoute(operation, arguments.pathValues());
            URI uri = URI.create(baseUrl + path + queryString(arguments.query()));
            // read by the rate-budget stage when there is one
            String key = reactorContext.hasKey(KEY_CONTEXT) ? reactorContext.get(KEY_CONTEXT) : currentKey();
            String authorization = authorization(key);
            if (context != null) {
                context.countAttempt();
                context.setStatus(null);
            }
            Map<String, String> headers = new LinkedHashMap<>(fixedHeaders.size() + 1);
            headers.put(HttpHeaders.AUTHORIZATION, authorization);
            headers.putAll(fixedHeaders);
            byte[] body = (arguments.body() != null) ? json.writeValueAsBytes(arguments.body()) : null;
            Mono<T> exchange = this.exchange.exchange(operation.method(), uri, headers, body,
                    (status, responseHeaders, bytes) -> handle(operation, path, status, responseHeaders, bytes, reader,
                            context, key));
            return exchange.onErrorMap(DefaultCivisTransport::isWireFailure,
                    failure -> wireFailure(failure, operation, path));
        });
        if (parent.isNoop()) {
            return attempt;
        }
        // WebClient reads its parent observation from this context key, so that when its
        // builder observes requests, each attempt nests under the logical call.
        return attempt.contextWrite(reactorContext -> reactorContext.put(OBSERVATION_CONTEXT_KEY, parent));
    }

    /**
     * The {@code Authorization} value for a key. The last one is kept, so that a call does not
     * build the same string again while the key stays the same.
     */
    private String authorization(String key) {
        Authorization last = lastAuthorization;
        if (last == null || !last.key().equals(key)) {
            last = new Authorization(key, "Bearer " + key);
            lastAuthorization = last;
        }
        return last.header();
    }

    private record Authorization(String key, String header) {

        @Override
        public String toString() {
            return "Authorization[(hidden)]";
        }
    }

    /**
     * One attempt of a blocking call. The call timeout bounds the wait of the calling thread
     * itself; unlike Reactor's {@code timeout} operator it needs no scheduled task per call.
     * Running out of time cancels the request.
     */
    private <T> T blockingAttempt(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader,
            @Nullable CivisRequestContext context, Observation observation) {
        Mono<T> attempt = attempt(operation, arguments, reader, context, observation);
        if (budget.settings().enabled()) {
            // The rate-budget stage: when the bucket has room this costs no Mono at all.
            String key = currentKey();
            Mono<Void> budgetWait = budget.acquireNow(bucketOf(operation), key, callName(operation));
            if (budgetWait != null) {
                await(budgetWait.toFuture(), null, operation, arguments);
            }
            attempt = attempt.contextWrite(reactorContext -> reactorContext.put(KEY_CONTEXT, key));
        }
        return await(attempt.toFuture(), settings.callTimeout(), operation, arguments);
    }

    /**
     * Waits on the calling thread for a result and throws what it failed with. Running out of
     * time or being interrupted cancels the request.
     * @param timeout how long to wait, or {@code null} to wait until the result is there (the
     *        request then bounds itself)
     */
    private <T> T await(java.util.concurrent.CompletableFuture<T> result, @Nullable Duration timeout,
            OperationDescriptor operation, CallArguments arguments) {
        try {
            return BlockingWait.await(result, timeout, ex -> new CivisInterruptedException("Interrupted while waiting for "
                    + operation.method() + " " + operation.route() + " ("
                    + expandRoute(operation, arguments.pathValues()) + "); the request was cancelled", ex));
        }
        catch (TimeoutException ex) {
            throw (RuntimeException) wireFailure(ex, operation, expandRoute(operation, arguments.pathValues()));
        }
    }

    /**
     * One reactive attempt, bounded by the call timeout. The deadline is armed on a shared timer
     * wheel rather than with Reactor's {@code timeout(Duration)}, which schedules (and on
     * success cancels) a task on a scheduled executor's locked queue for every call.
     */
    private <T> Mono<T> withCallTimeout(Mono<T> attempt, OperationDescriptor operation, CallArguments arguments) {
        Duration callTimeout = settings.callTimeout();
        if (callTimeout == null) {
            return attempt;
        }
        return attempt.timeout(new CallDeadline(callTimeout)).onErrorMap(TimeoutException.class,
                failure -> wireFailure(failure, operation, expandRoute(operation, arguments.pathValues())));
    }

    /**
     * Emits once when the call timeout has passed since subscription, which makes
     * {@code Mono.timeout(Publisher)} fail the attempt with a {@link TimeoutException}; cancelled
     * (and its timer entry dropped) as soon as the attempt ends. Arming and cancelling are
     * lock-free: a {@link HashedWheelTimer} entry is queued and marked, and its one thread ticks
     * every {@value #TICK_MILLIS} ms, so a deadline fires up to that much late.
     */
    private static final class CallDeadline extends Mono<Long> {

        private static final long TICK_MILLIS = 100;

        private final long nanos;

        CallDeadline(Duration timeout) {
            this.nanos = timeout.toNanos();
        }

        @Override
        public void subscribe(CoreSubscriber<? super Long> actual) {
            Armed armed = new Armed(actual);
            actual.onSubscribe(armed);
            armed.arm(nanos);
        }

        /** The timer of every client in this class loader, started on first use. */
        private static final class Wheel {

            static final HashedWheelTimer TIMER = new HashedWheelTimer(runnable -> {
                Thread thread = new Thread(runnable, "civis-call-timeout");
                thread.setDaemon(true);
                return thread;
            }, TICK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /**
         * One armed deadline. It lets go of its subscriber when cancelled: the timer keeps a
         * cancelled entry until its next tick, and the subscriber leads through the finished
         * call's operators to its result (a whole page, when walking a list), which would stay
         * reachable that long for every call.
         */
        private static final class Armed implements Subscription, TimerTask {

            private volatile @Nullable CoreSubscriber<? super Long> actual;
            private volatile @Nullable Timeout timeout;
            private volatile boolean cancelled;

            Armed(CoreSubscriber<? super Long> actual) {
                this.actual = actual;
            }

            void arm(long nanos) {
                Timeout armed = Wheel.TIMER.newTimeout(this, nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                timeout = armed;
                if (cancelled) {
                    armed.cancel();
                }
            }

            @Override
            public void run(Timeout expired) {
                CoreSubscriber<? super Long> subscriber = actual;
                actual = null;
                if (!cancelled && subscriber != null) {
                    subscriber.onNext(0L);
                    subscriber.onComplete();
                }
            }

            @Override
            public void request(long n) {
                // one signal, sent when the deadline passes, whatever was requested
            }

            @Override
            public void cancel() {
                cancelled = true;
                actual = null;
                Timeout armed = timeout;
                if (armed != null) {
                    armed.cancel();
                }
            }
        }
    }

    private String currentKey() {
        String key = settings.apiKey().get();
        if (key == null || key.isBlank()) {
            throw new CivisConfigurationException("apiKey", "CIVIS_API_KEY",
                    "apiKey: the API key supplier returned no key");
        }
        return key.trim();
    }

    private <T> @Nullable T handle(OperationDescriptor operation, String path, int status, HttpHeaders headers,
            byte[] bytes, ResponseReader<T> reader, @Nullable CivisRequestContext context, String key) {
        if (context != null) {
            context.setStatus(status);
        }
        RateLimitStatus limits = RateLimitStatus.from(headers);
        if (limits.isKnown()) {
            rateLimit.set(limits);
            Long remaining = limits.remaining();
            if (remaining != null) {
                budget.follow(bucketOf(operation), key, remaining);
            }
            notifyListener(() -> settings.listener().onRateLimit(limits));
        }
        if (status >= 200 && status < 300) {
            JsonNode body = MissingNode.getInstance();
            if (!isBlank(bytes)) {
                try {
                    body = json.readTree(bytes);
                }
                catch (JacksonException ex) {
                    throw new CivisResponseFormatException(status, excerpt(bytes, key), operation.method(),
                            operation.route(), path);
                }
            }
            try {
                return reader.read(body, new ResponseMetadata(status, HttpHeaders.readOnlyHttpHeaders(headers)));
            }
            catch (CivisTypeMismatchException ex) {
                // the body as a whole is not of the declared type (e.g. an array for an object)
                byte[] printable = body.isMissingNode() ? NO_BODY
                        : io.github.civis.client.json.SecretValues.printable(body).toString().getBytes(StandardCharsets.UTF_8);
                throw new CivisResponseFormatException(status, excerpt(printable, key), shapeOf(body)
                        + " where the API declares " + ex.declaredType(), operation.method(), operation.route(), path);
            }
        }
        CivisApiError details = errorDetails(operation, path, status, headers, bytes, key, limits);
        if (status == 401) {
            throw new io.github.civis.client.error.CivisAuthenticationException(details, settings.apiKeySource());
        }
        throw CivisApiException.of(details);
    }

    private CivisApiError errorDetails(OperationDescriptor operation, String path, int status, HttpHeaders headers,
            byte[] bytes, String key, RateLimitStatus limits) {
        String error = null;
        String description = null;
        Integer code = null;
        String excerpt = null;
        JsonNode body = null;
        if (!isBlank(bytes)) {
            try {
                body = json.readTree(bytes);
            }
            catch (JacksonException ex) {
                // Not JSON (a proxy's HTML page, say): reported as an excerpt below.
            }
        }
        if (body != null && body.isObject()) {
            error = text(body.get("error"));
            description = text(body.get("errorDescription"));
            JsonNode codeNode = body.get("code");
            if (codeNode != null && codeNode.canConvertToInt()) {
                code = codeNode.intValue();
            }
        }
        else if (!isBlank(bytes)) {
            excerpt = excerpt(bytes, key);
        }
        return new CivisApiError(status, operation.method(), operation.route(), path, redact(error, key),
                redact(description, key), code, limits, retryAfter(headers), excerpt);
    }

    private @Nullable Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            // Beyond the longest wait worth reporting, the exact number no longer matters; too
            // many digits for a long count as the longest wait too.
            try {
                return Duration.ofSeconds(Math.min(Long.parseLong(trimmed), LONGEST_RETRY_AFTER.toSeconds()));
            }
            catch (NumberFormatException ex) {
                return LONGEST_RETRY_AFTER;
            }
        }
        try {
            // Retry-After may also be an HTTP date.
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(settings.clock().instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO
                    : (wait.compareTo(LONGEST_RETRY_AFTER) > 0) ? LONGEST_RETRY_AFTER : wait;
        }
        catch (DateTimeParseException | ArithmeticException ex) {
            return null;
        }
    }

    private static boolean isWireFailure(Throwable failure) {
        if (failure instanceof CivisException) {
            return false;
        }
        return failure instanceof WebClientException || failure instanceof IOException
                || failure instanceof DataBufferLimitException
                || failure instanceof TimeoutException || cause(failure, IOException.class) != null
                || cause(failure, ReadTimeoutException.class) != null;
    }

    private Throwable wireFailure(Throwable failure, OperationDescriptor operation, String path) {
        String method = operation.method();
        String route = operation.route();
        if (cause(failure, DataBufferLimitException.class) != null) {
            return new CivisResponseTooLargeException(method, route, path, failure);
        }
        if (failure instanceof TimeoutException) {
            return new CivisTimeoutException(CivisTimeoutException.Phase.CALL, settings.callTimeout(), method, route,
                    path, failure);
        }
        if (cause(failure, ReadTimeoutException.class) != null) {
            return new CivisTimeoutException(CivisTimeoutException.Phase.RESPONSE, settings.responseTimeout(), method,
                    route, path, failure);
        }
        if (cause(failure, ConnectTimeoutException.class) != null) {
            return new CivisTimeoutException(CivisTimeoutException.Phase.CONNECT, settings.connectTimeout(), method,
                    route, path, failure);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
        if (cause(failure, java.net.UnknownHostException.class) != null) {
            // The resolver's own words ("Query failed with NXDOMAIN") do not name the host.
            reason = "the host " + hostAndPort(settings.baseUrl()) + " could not be resolved (" + reason
                    + "): check the base URL";
        }
        return new CivisTransportException(method + " " + route + " (" + path + ") failed before a response arrived: "
                + reason, method, route, path, failure);
    }

    /** {@code host:port} of a base URL, the port the scheme's default when none is given. */
    private static String hostAndPort(java.net.URI baseUrl) {
        int port = (baseUrl.getPort() >= 0) ? baseUrl.getPort() : "http".equalsIgnoreCase(baseUrl.getScheme()) ? 80 : 443;
        return baseUrl.getHost() + ":" + port;
    }

    private static <E extends Throwable> @Nullable E cause(Throwable failure, Class<E> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /**
     * The concrete path: each placeholder replaced by its encoded value. Values come in the
     * order of the operation's path parameters (the documented argument order), which is not
     * always the order of the placeholders in the route, so placeholders are matched by name.
     */
    private static String expandRoute(OperationDescriptor operation, List<Object> pathValues) {
        String route = operation.route();
        if (route.indexOf('{') < 0) {
            return route;
        }
        // All parameters, path ones first: scanned directly rather than through
        // pathParameters(), which builds a filtered list on every call.
        List<ParameterDescriptor> parameters = operation.parameters();
        StringBuilder path = new StringBuilder(route.length() + 16);
        int position = 0;
        while (position < route.length()) {
            int open = route.indexOf('{', position);
            if (open < 0) {
                path.append(route, position, route.length());
                break;
            }
            int close = route.indexOf('}', open);
            if (close < 0) {
                throw new IllegalStateException("Malformed route template " + route);
            }
            path.append(route, position, open);
            String name = route.substring(open + 1, close);
            int index = 0;
            int pathIndex = -1;
            for (ParameterDescriptor parameter : parameters) {
                if (parameter.location() == ParameterDescriptor.Location.PATH) {
                    if (parameter.wireName().equals(name)) {
                        pathIndex = index;
                        break;
                    }
                    index++;
                }
            }
            if (pathIndex < 0 || pathIndex >= pathValues.size() || pathValues.get(pathIndex) == null) {
                throw new CivisValidationException(operation.displayName() + ": no value for path parameter '"
                        + name + "'");
            }
            Object value = pathValues.get(pathIndex);
            if (value instanceof Long || value instanceof Integer) {
                // digits and '-' need no encoding
                path.append(value);
            }
            else {
                path.append(UriUtils.encodePathSegment(String.valueOf(value), StandardCharsets.UTF_8));
            }
            position = close + 1;
        }
        return path.toString();
    }

    private static String queryString(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                text.append(text.isEmpty() ? '?' : '&')
                        .append(encodeQuery(entry.getKey()))
                        .append('=')
                        .append(encodeQuery(value));
            }
        }
        return text.toString();
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters. Encoding only what the URI
     * syntax requires is not enough: servers split a query on ';' as on '&' (Rack, Netty), read a
     * bare '+' as a space, and the platform's name filters treat '*' as a wildcard only when it
     * arrives as such, so the value the server sees must be exactly the value given.
     */
    private static String encodeQuery(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            }
            else {
                encoded.append('%').append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0x0F]);
            }
        }
        return encoded.toString();
    }

    private static String shapeOf(JsonNode body) {
        if (body.isMissingNode()) {
            return "an empty body";
        }
        return switch (body.getNodeType()) {
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object of another shape";
            case NULL -> "a JSON null";
            case STRING -> "a JSON string";
            case NUMBER -> "a JSON number";
            case BOOLEAN -> "a JSON boolean";
            default -> "a JSON value";
        };
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static @Nullable String redact(@Nullable String text, String key) {
        // A misbehaving proxy may echo request headers back; the key must not reach a message.
        return (text == null || key.isEmpty()) ? text : text.replace(key, "[redacted]");
    }

    private static String excerpt(byte[] bytes, String key) {
        int length = Math.min(bytes.length, EXCERPT_LENGTH * 4);
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        text = redact(text, key);
        return (text.length() > EXCERPT_LENGTH || bytes.length > length)
                ? text.substring(0, Math.min(text.length(), EXCERPT_LENGTH)) + "..." : text;
    }

    @Override
    public String toString() {
        return "DefaultCivisTransport{" + settings + "}";
    }
}
