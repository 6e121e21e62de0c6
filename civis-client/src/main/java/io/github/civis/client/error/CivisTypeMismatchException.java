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

    public CivisTypeMismatchException(String owner, String field, String declaredType, JsonNode actual) {
        super(owner + "." + field + " is declared as " + declaredType + " but the API sent " + describe(field, actual)
                + "; read it unchanged with json(\"" + field + "\")");
        this.owner = owner;
        this.field = field;
        this.declaredType = declaredType;
        this.actual = actual;
    }

    private static String describe(String field, JsonNode node) {
        // a secret sent in another shape is still a secret: only its kind is named
        String text = io.github.civis.client.json.SecretValues.isSecret(field.replace("[]", "").replace("{}", ""))
                ? io.github.civis.client.json.SecretValues.MASK
                : io.github.civis.client.json.SecretValues.printable(node).toString();
        String kind = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return kind + " " + (text.length() > 80 ? text.substring(0, 77) + "..." : text);
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
