package io.github.civis.spring.autoconfigure.batch;

import java.io.File;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the Civis Spring Batch steps ({@code civis.batch.*}), used by the builders of the
 * {@code civisBatchBuilders} bean. Checked when bound, so an impossible setting stops the
 * application with the property's name.
 */
@ConfigurationProperties(prefix = "civis.batch", ignoreUnknownFields = false)
public class CivisBatchProperties implements Validator {

    /**
     * Compressed size of a table writer's spool past which it is imported before the step ends.
     * 0 imports once per step, when it ends.
     */
    private DataSize importEvery = DataSize.ofBytes(0);

    /** Directory of the table writers' spool files; default the temporary directory. */
    private @Nullable File spoolDirectory;

    /** Longest wait for a Civis run of a tasklet, or for one import of a table writer. */
    private Duration timeout = Duration.ofHours(1);

    public DataSize getImportEvery() {
        return this.importEvery;
    }

    public void setImportEvery(DataSize importEvery) {
        this.importEvery = importEvery;
    }

    public @Nullable File getSpoolDirectory() {
        return this.spoolDirectory;
    }

    public void setSpoolDirectory(@Nullable File spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisBatchProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CivisBatchProperties checked = (CivisBatchProperties) target;
        if (checked.importEvery == null || checked.importEvery.isNegative()) {
            errors.rejectValue("importEvery", "civis.negative",
                    "civis.batch.import-every must be 0 (one import at the end of a step) or a positive size, was "
                            + checked.importEvery);
        }
        if (checked.timeout == null || checked.timeout.isZero() || checked.timeout.isNegative()) {
            errors.rejectValue("timeout", "civis.notPositive",
                    "civis.batch.timeout must be a positive duration, was " + checked.timeout);
        }
    }
}
