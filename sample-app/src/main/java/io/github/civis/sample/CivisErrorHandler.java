package io.github.civis.sample;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.CivisRunTimeoutException;

/**
 * Turns Civis client errors into RFC 9457 problem responses with a clear message, instead of a
 * stack trace. A failure of the platform is the sample's upstream failing: 502, or 503 when it
 * asked us to slow down; a bad request from our caller stays a 400.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1) // before RequestErrorHandler, which catches everything else
class CivisErrorHandler {

    @ExceptionHandler(CivisValidationException.class)
    ProblemDetail invalid(CivisValidationException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage());
    }

    @ExceptionHandler(CivisApiException.class)
    ProblemDetail api(CivisApiException ex) {
        HttpStatus status = switch (ex.status()) {
            case 404 -> HttpStatus.NOT_FOUND;
            case 429 -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        ProblemDetail problem = problem(status, "Civis API error", ex.getMessage());
        problem.setProperty("civisStatus", ex.status());
        return problem;
    }

    @ExceptionHandler(CivisRunFailedException.class)
    ProblemDetail runFailed(CivisRunFailedException ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Civis run " + ex.finalState().wireName(),
                (ex.error() != null) ? ex.error() : "Run " + ex.runId() + " of job " + ex.jobId() + " did not succeed");
        problem.setProperty("jobId", ex.jobId());
        problem.setProperty("runId", ex.runId());
        problem.setProperty("state", ex.finalState().wireName());
        problem.setProperty("logTail", ex.logTail());
        return problem;
    }

    @ExceptionHandler(CivisRunTimeoutException.class)
    ProblemDetail runTimedOut(CivisRunTimeoutException ex) {
        ProblemDetail problem = problem(HttpStatus.GATEWAY_TIMEOUT, "Civis run still running", ex.getMessage());
        problem.setProperty("jobId", ex.jobId());
        problem.setProperty("runId", ex.runId());
        return problem;
    }

    @ExceptionHandler(CivisException.class)
    ProblemDetail other(CivisException ex) {
        return problem(HttpStatus.BAD_GATEWAY, "Civis API unavailable", ex.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
