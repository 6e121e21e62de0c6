package io.github.civis.sample;

/**
 * A request to the sample carried a value it cannot use; answered with a 400 problem naming the
 * field.
 */
class BadInputException extends RuntimeException {

    private final String field;

    BadInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return this.field;
    }

}
