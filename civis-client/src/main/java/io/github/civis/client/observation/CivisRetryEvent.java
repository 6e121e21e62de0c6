package io.github.civis.client.observation;

import java.time.Duration;

import io.github.civis.client.transport.OperationDescriptor;

/**
 * A failed attempt of a call that is about to be retried.
 *
 * @param operation the operation called
 * @param failedAttempt number of the attempt that failed, starting at 1
 * @param failure why it failed
 * @param delay the wait before the next attempt
 */
public record CivisRetryEvent(OperationDescriptor operation, int failedAttempt, Throwable failure, Duration delay) {
}
