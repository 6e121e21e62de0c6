package io.github.civis.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Every error the sample's own request handling raises, as an RFC 9457 problem: Spring MVC's
 * (unknown path, wrong method, unreadable body...), bad input naming the field, and anything
 * unexpected (500, without internals); {@link RequestSizeLimitFilter} answers oversized bodies. Consulted after
 * {@link CivisErrorHandler}, which handles the Civis client's errors.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestErrorHandler extends ResponseEntityExceptionHandler {

    private static final Log logger = LogFactory.getLog(RequestErrorHandler.class);

    @ExceptionHandler(BadInputException.class)
    ProblemDetail badInput(BadInputException ex) {
        return invalid(ex.getMessage(), ex.field());
    }

    /**
     * A download that broke after part of it went out: no answer can follow, so the exception is
     * passed on unhandled and the server ends the connection, which the client sees as a broken
     * transfer at once.
     */
    @ExceptionHandler(StreamedDownload.BrokenDownloadException.class)
    void brokenDownload(StreamedDownload.BrokenDownloadException ex) throws StreamedDownload.BrokenDownloadException {
        // The server logs it, with the cause, as it ends the connection.
        throw ex;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        logger.error("Request failed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request failed unexpectedly; the sample's log has the details.");
        problem.setTitle("Internal error");
        return problem;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            ProblemDetail problem = invalid(mismatch.getName() + " must be a "
                    + ((mismatch.getRequiredType() != null) ? mismatch.getRequiredType().getSimpleName() : "value")
                    + ", was '" + mismatch.getValue() + "'", mismatch.getName());
            return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        return super.handleTypeMismatch(ex, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                String field = databind.getPath().get(databind.getPath().size() - 1).getPropertyName();
                if (field != null) {
                    ProblemDetail problem = invalid("The request body's " + field + " has a value of the wrong type",
                            field);
                    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
                }
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape.");
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail invalid(String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("field", field);
        return problem;
    }

}
