package io.github.civis.client.sql;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.civis.client.json.SecretValues;

/**
 * A parameter of an exported query, as the platform's SQL scripts take them: the statement
 * names it in double braces, {@code {{min_id}}}, and the platform puts the value in before the
 * statement reaches the database. The platform declares it in the script's {@code params} with
 * its type and passes the value in {@code arguments}. The factories are typed so that a value
 * that does not fit its type (an {@code integer} of {@code 1.5}) is refused here, before a job
 * is created.
 *
 * <p>The value is written into the statement's text, not bound by the database: a string
 * parameter's value lands in the SQL as it is, quotes included. Use typed parameters for
 * numbers and flags, and quote strings in the statement ({@code WHERE name = '{{name}}'}) only
 * for values you trust.
 *
 * <p>{@link #toString()} shows the value, unless the name is a secret's by the rule of
 * {@link SecretValues#isSecret} ({@code db_password}, {@code api_token}, …): then it is masked.
 *
 * @param name the name used in the statement, letters, digits and underscores
 * @param type the platform's type of the parameter
 * @param value the value, as the platform receives it
 */
public record SqlParameter(String name, Type type, String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Checks the name and that the value fits the type. */
    public SqlParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("SQL parameter name '" + name
                    + "' is not usable in {{…}}: use letters, digits and underscores, not starting with a digit");
        }
        type.check(name, value);
    }

    /**
     * A text parameter ({@code string}).
     * @param name the name used in the statement
     * @param value the text
     * @return the parameter
     */
    public static SqlParameter of(String name, String value) {
        return new SqlParameter(name, Type.STRING, value);
    }

    /**
     * A whole-number parameter ({@code integer}).
     * @param name the name used in the statement
     * @param value the number
     * @return the parameter
     */
    public static SqlParameter of(String name, long value) {
        return new SqlParameter(name, Type.INTEGER, Long.toString(value));
    }

    /**
     * A decimal parameter ({@code float}), written without exponent.
     * @param name the name used in the statement
     * @param value the number
     * @return the parameter
     */
    public static SqlParameter of(String name, BigDecimal value) {
        return new SqlParameter(name, Type.FLOAT, value.toPlainString());
    }

    /**
     * A flag parameter ({@code bool}), {@code true} or {@code false}.
     * @param name the name used in the statement
     * @param value the flag
     * @return the parameter
     */
    public static SqlParameter of(String name, boolean value) {
        return new SqlParameter(name, Type.BOOL, Boolean.toString(value));
    }

    /** The parameter types of SQL scripts that a value can be given for. */
    public enum Type {
        /** Text. */
        STRING,
        /** A whole number. */
        INTEGER,
        /** A decimal number. */
        FLOAT,
        /** A flag. */
        BOOL;

        /** The platform's name: {@code string}, {@code integer}, {@code float} or {@code bool}. */
        public String platformName() {
            return name().toLowerCase(Locale.ROOT);
        }

        void check(String name, String value) {
            boolean fits = switch (this) {
                case STRING -> true;
                case INTEGER -> value.matches("-?\\d{1,18}");
                case FLOAT -> value.matches("-?(\\d+(\\.\\d*)?|\\.\\d+)");
                case BOOL -> value.equals("true") || value.equals("false");
            };
            if (!fits) {
                throw new IllegalArgumentException("SQL parameter '" + name + "' is " + platformName() + " but its value '"
                        + (SecretValues.isSecret(name) ? SecretValues.MASK : value) + "' is not");
            }
        }
    }

    /** The parameter with its value, or {@value SecretValues#MASK} for a parameter whose name is a secret's. */
    @Override
    public String toString() {
        return "SqlParameter[name=" + this.name + ", type=" + this.type + ", value="
                + (SecretValues.isSecret(this.name) ? SecretValues.MASK : this.value) + "]";
    }

}
