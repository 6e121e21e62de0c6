package io.github.civis.client.error;

/**
 * A successful response whose body is not valid JSON, or not of the shape the operation
 * declares (an empty body, an array or a string where an object is declared). The message carries a short excerpt of the
 * body, not the parser's stack trace, so that a proxy's HTML error page is recognisable at a
 * glance.
 */
public class CivisResponseFormatException extends CivisCallException {

    private final int status;
    private final String bodyExcerpt;

    /**
     * Creates the exception.
     * @param status the HTTP status of the response
     * @param bodyExcerpt the first characters of the body
     * @param httpMethod the HTTP verb
     * @param route the route template
     * @param path the concrete path
     */
    public CivisResponseFormatException(int status, String bodyExcerpt, String httpMethod, String route,
            String path) {
        // The parser failure is deliberately not chained: its message repeats the whole body
        // position by position and adds nothing for the caller.
        super(httpMethod + " " + route + " (" + path + ") returned " + status
                + " with a body that is not valid JSON: \"" + bodyExcerpt + "\"", httpMethod, route, path, null);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
    }

    /**
     * Creates the exception for a body that is JSON but not of the declared shape.
     * @param status the HTTP status of the response
     * @param bodyExcerpt the first characters of the body
     * @param problem what is wrong, e.g. "a JSON array where the API declares an object"
     * @param httpMethod the HTTP verb
     * @param route the route template
     * @param path the concrete path
     */
    public CivisResponseFormatException(int status, String bodyExcerpt, String problem, String httpMethod,
            String route, String path) {
        super(httpMethod + " " + route + " (" + path + ") returned " + status + " with " + problem + ": \""
                + bodyExcerpt + "\"", httpMethod, route, path, null);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The first characters of the body. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
