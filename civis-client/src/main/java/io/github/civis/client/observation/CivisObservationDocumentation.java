package io.github.civis.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the Civis client makes, with their key names. One observation per logical
 * call (covering every retry), named {@value DefaultCivisClientObservationConvention#NAME}. A
 * retry is not an observation event, so that Micrometer's default handler does not count it a
 * second time next to the {@link CivisClientListener} counter ({@code civis.client.retries}).
 */
public enum CivisObservationDocumentation implements ObservationDocumentation {

    /** One Civis API call, from the first attempt to the final result. */
    CLIENT_REQUEST {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultCivisClientObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }
    };

    /** Tags with a bounded set of values, safe for metrics. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** Resource group as documented by Civis, e.g. {@code credentials}. */
        GROUP("group"),
        /** Documented operation name, e.g. {@code list_shares}. */
        OPERATION("operation"),
        /** HTTP verb. */
        METHOD("method"),
        /** Status of the last response, or {@code IO_ERROR} / {@code CLIENT_ERROR} when none arrived. */
        STATUS("status"),
        /** {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR} or {@code UNKNOWN}. */
        OUTCOME("outcome"),
        /** Simple class name of the failure, or {@code none}. */
        EXCEPTION("exception");

        private final String key;

        LowCardinalityKeyNames(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Tags whose values may vary widely; for traces, not metrics. */
    public enum HighCardinalityKeyNames implements KeyName {

        /** Route template of the operation, e.g. {@code /credentials/{id}} (never concrete ids). */
        URI("uri");

        private final String key;

        HighCardinalityKeyNames(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }
}
