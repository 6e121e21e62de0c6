package io.github.civis.client.internal.transport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import io.github.civis.client.error.CivisApiError;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisAuthenticationException;
import io.github.civis.client.error.CivisResponseFormatException;
import io.github.civis.client.error.CivisTypeMismatchException;
import io.github.civis.client.internal.ratelimit.RateBudget;
import io.github.civis.client.json.SecretValues;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisRequestContext;
import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimitStatus;
import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ResponseMetadata;
import io.github.civis.client.transport.ResponseReader;

/**
 * The response stage of a call: reads one whole answer (status, headers, body) into the call's
 * value, or into the typed exception its status stands for. It also follows the rate-limit
 * headers (the transport's latest status, the key's budget, the listener). The key is given so
 * that an answer echoing it never puts it into a message.
 */
final class ResponseStage {

    private static final Log logger = LogFactory.getLog(ResponseStage.class);

    private static final int EXCERPT_LENGTH = 200;

    private static final byte[] NO_BODY = new byte[0];

    /** Longest {@code Retry-After} taken as sent; larger values (or absurd ones) are clamped to it. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    private final JsonMapper json;
    private final AtomicReference<RateLimitStatus> rateLimit;
    private final RateBudget budget;
    private final CivisClientListener listener;
    private final Clock clock;
    private final String apiKeySource;

    /**
     * @param json reads bodies
     * @param rateLimit receives the rate-limit headers of every answer that carries them
     * @param budget follows the platform's remaining count
     * @param listener told about rate-limit headers
     * @param clock reads {@code Retry-After} dates
     * @param apiKeySource where the application sets the key, named when the API rejects it
     */
    ResponseStage(JsonMapper json, AtomicReference<RateLimitStatus> rateLimit, RateBudget budget,
            CivisClientListener listener, Clock clock, String apiKeySource) {
        this.json = json;
        this.rateLimit = rateLimit;
        this.budget = budget;
        this.listener = listener;
        this.clock = clock;
        this.apiKeySource = apiKeySource;
    }

    /**
     * Reads one answer.
     * @param operation what was called
     * @param path the expanded route, for messages
     * @param status the HTTP status
     * @param headers the response headers
     * @param bytes the whole body, empty for none
     * @param reader reads a successful body
     * @param context the observation context, or {@code null} when nobody observes
     * @param key the key sent, which no message may contain
     * @param <T> the value type
     * @return the value read
     * @throws CivisApiException (or a subtype) for a status outside 2xx
     * @throws CivisResponseFormatException for a 2xx body that is not the declared JSON
     */
    <T> @Nullable T handle(OperationDescriptor operation, String path, int status, HttpHeaders headers,
            byte[] bytes, ResponseReader<T> reader, @Nullable CivisRequestContext context, String key) {
        if (context != null) {
            context.setStatus(status);
        }
        RateLimitStatus limits = RateLimitStatus.from(headers);
        if (limits.isKnown()) {
            rateLimit.set(limits);
            Long remaining = limits.remaining();
            if (remaining != null) {
                budget.follow(RateBucket.of(operation.method(), operation.route()), key, remaining);
            }
            notifyListener(() -> listener.onRateLimit(limits));
        }
        if (status >= 200 && status < 300) {
            return success(operation, path, status, headers, bytes, reader, key);
        }
        CivisApiError details = errorDetails(operation, path, status, headers, bytes, key, limits);
        if (status == 401) {
            throw new CivisAuthenticationException(details, apiKeySource);
        }
        throw CivisApiException.of(details);
    }

    private <T> @Nullable T success(OperationDescriptor operation, String path, int status, HttpHeaders headers,
            byte[] bytes, ResponseReader<T> reader, String key) {
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
                    : SecretValues.printable(body).toString().getBytes(StandardCharsets.UTF_8);
            throw new CivisResponseFormatException(status, excerpt(printable, key), shapeOf(body)
                    + " where the API declares " + ex.declaredType(), operation.method(), operation.route(), path);
        }
    }

    /** Tells the listener, logging rather than failing the call when the listener throws. */
    static void notifyListener(Runnable notification) {
        // A failing metrics hook must not fail the call it observes.
        try {
            notification.run();
        }
        catch (RuntimeException ex) {
            logger.warn("CivisClientListener failed: " + ex);
        }
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

    /** The {@code Retry-After} wait: seconds or an HTTP date, clamped to a day; {@code null} when absent or unreadable. */
    @Nullable Duration retryAfter(HttpHeaders headers) {
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
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO
                    : (wait.compareTo(LONGEST_RETRY_AFTER) > 0) ? LONGEST_RETRY_AFTER : wait;
        }
        catch (DateTimeParseException | ArithmeticException ex) {
            return null;
        }
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
}
