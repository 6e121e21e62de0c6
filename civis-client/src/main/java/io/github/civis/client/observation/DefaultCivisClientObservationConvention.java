package io.github.civis.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.observation.CivisObservationDocumentation.HighCardinalityKeyNames;
import io.github.civis.client.observation.CivisObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default tags of a Civis call. Each key has its own protected method so that a subclass can
 * change one tag and keep the others.
 */
public class DefaultCivisClientObservationConvention implements CivisClientObservationConvention {

    /** Name of the observation, and of the timer Micrometer derives from it. */
    public static final String NAME = "civis.client.requests";

    private final String name;

    /** Creates the convention with the default name. */
    public DefaultCivisClientObservationConvention() {
        this(NAME);
    }

    /**
     * Creates the convention with another observation name.
     * @param name the observation name
     */
    public DefaultCivisClientObservationConvention(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(CivisRequestContext context) {
        return "civis " + context.getOperation().group() + "." + context.getOperation().name();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(CivisRequestContext context) {
        return KeyValues.of(group(context), operation(context), method(context), status(context), outcome(context),
                exception(context));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(CivisRequestContext context) {
        return KeyValues.of(uri(context));
    }

    /**
     * The {@code group} tag.
     * @param context the call
     * @return the tag
     */
    protected KeyValue group(CivisRequestContext context) {
        return KeyValue.of(LowCardinalityKeyNames.GROUP, context.getOperation().group());
    }

    /**
     * The {@code operation} tag: the documented name, e.g. {@code list_shares}.
     * @param context the call
     * @return the tag
     */
    protected KeyValue operation(CivisRequestContext context) {
        return KeyValue.of(LowCardinalityKeyNames.OPERATION, context.getOperation().name());
    }

    /**
     * The {@code method} tag.
     * @param context the call
     * @return the tag
     */
    protected KeyValue method(CivisRequestContext context) {
        return KeyValue.of(LowCardinalityKeyNames.METHOD, context.getOperation().method());
    }

    /**
     * The {@code status} tag: the last status, {@code IO_ERROR} when no response arrived because
     * of a connection failure or timeout, {@code CLIENT_ERROR} for other failures without a
     * response.
     * @param context the call
     * @return the tag
     */
    protected KeyValue status(CivisRequestContext context) {
        Integer status = context.getStatus();
        if (status != null) {
            return KeyValue.of(LowCardinalityKeyNames.STATUS, Integer.toString(status));
        }
        if (context.getError() == null) {
            return KeyValue.of(LowCardinalityKeyNames.STATUS, "UNKNOWN");
        }
        return KeyValue.of(LowCardinalityKeyNames.STATUS,
                (context.getError() instanceof CivisTransportException) ? "IO_ERROR" : "CLIENT_ERROR");
    }

    /**
     * The {@code outcome} tag: {@code SUCCESS} for 2xx, {@code CLIENT_ERROR} for 4xx,
     * {@code SERVER_ERROR} for 5xx, {@code UNKNOWN} otherwise.
     * @param context the call
     * @return the tag
     */
    protected KeyValue outcome(CivisRequestContext context) {
        Integer status = context.getStatus();
        String outcome;
        if (status == null) {
            outcome = "UNKNOWN";
        }
        else if (status >= 200 && status < 300) {
            outcome = "SUCCESS";
        }
        else if (status >= 400 && status < 500) {
            outcome = "CLIENT_ERROR";
        }
        else if (status >= 500) {
            outcome = "SERVER_ERROR";
        }
        else {
            outcome = "UNKNOWN";
        }
        return KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome);
    }

    /**
     * The {@code exception} tag: simple class name of the failure, or {@code none}.
     * @param context the call
     * @return the tag
     */
    protected KeyValue exception(CivisRequestContext context) {
        Throwable error = context.getError();
        return KeyValue.of(LowCardinalityKeyNames.EXCEPTION, (error != null) ? error.getClass().getSimpleName() : "none");
    }

    /**
     * The {@code uri} tag: the route template, never the concrete path with ids.
     * @param context the call
     * @return the tag
     */
    protected KeyValue uri(CivisRequestContext context) {
        return KeyValue.of(HighCardinalityKeyNames.URI, context.getOperation().route());
    }
}
