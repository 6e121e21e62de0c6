package io.github.civis.client.error;

import tools.jackson.databind.JsonNode;

/**
 * A typed accessor was asked for a value the API sent in another shape than documented, and
 * converting it would lose information (for example {@code 1.5} where an integer was declared).
 * The value itself is never changed: {@code json(field)} on the object returns it as sent.
 */
public class CivisTypeMismatchException extends CivisException {

    private final String owner;
    private final String field;
    private final String declaredType;
    private final transient JsonNode actual;

    /**
     * Creates the exception; the message quotes the value.
     * @param owner simple name of the type holding the field
     * @param field wire name of the field
     * @param declaredType the type the catalog declares
     * @param actual the value as the API sent it
     */
    public CivisTypeMismatchException(String owner, String field, String declaredType, JsonNode actual) {
        this(owner, field, declaredType, actual, actual.toString());
    }

    /**
     * Creates the exception with the text the message may show of the value, for values that
     * may hold secrets.
     * @param owner simple name of the type holding the field
     * @param field wire name of the field
     * @param declaredType the type the catalog declares
     * @param actual the value as the API sent it
     * @param shown what the message shows of the value, e.g. with secrets masked
     */
    public CivisTypeMismatchException(String owner, String field, String declaredType, JsonNode actual,
            String shown) {
        super(owner + "." + field + " is declared as " + declaredType + " but the API sent " + describe(actual, shown)
                + "; read it unchanged with json(\"" + field + "\")");
        this.owner = owner;
        this.field = field;
        this.declaredType = declaredType;
        this.actual = actual;
    }

    private static String describe(JsonNode node, String shown) {
        String kind = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return kind + " " + (shown.length() > 80 ? shown.substring(0, 77) + "..." : shown);
    }

    /** Simple name of the type holding the field. */
    public String owner() {
        return owner;
    }

    /** Wire name of the field. */
    public String field() {
        return field;
    }

    /** The type the catalog declares. */
    public String declaredType() {
        return declaredType;
    }

    /** The value as the API sent it. */
    public JsonNode actual() {
        return actual;
    }
}
