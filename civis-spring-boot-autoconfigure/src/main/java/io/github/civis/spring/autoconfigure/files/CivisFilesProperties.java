package io.github.civis.spring.autoconfigure.files;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.github.civis.client.files.UploadOptions;

/**
 * File transfer settings of the Civis client ({@code civis.files.*}).
 */
@ConfigurationProperties(prefix = "civis.files", ignoreUnknownFields = false)
public class CivisFilesProperties implements Validator {

    /**
     * Size above which uploads go in parts (multipart) instead of one presigned form. At least 5MB.
     */
    private DataSize multipartThreshold = DataSize.ofMegabytes(50);

    /**
     * Parts of a multipart upload sent at the same time.
     */
    private int partConcurrency = 4;

    /**
     * Longest pause without progress on a storage connection before the transfer is retried or fails.
     */
    private Duration transferTimeout = Duration.ofSeconds(60);

    public DataSize getMultipartThreshold() {
        return this.multipartThreshold;
    }

    public void setMultipartThreshold(DataSize multipartThreshold) {
        this.multipartThreshold = multipartThreshold;
    }

    public int getPartConcurrency() {
        return this.partConcurrency;
    }

    public void setPartConcurrency(int partConcurrency) {
        this.partConcurrency = partConcurrency;
    }

    public Duration getTransferTimeout() {
        return this.transferTimeout;
    }

    public void setTransferTimeout(Duration transferTimeout) {
        this.transferTimeout = transferTimeout;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisFilesProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CivisFilesProperties files = (CivisFilesProperties) target;
        if (files.multipartThreshold.toBytes() < UploadOptions.MIN_PART_SIZE) {
            errors.rejectValue("multipartThreshold", "civis.tooSmall", "civis.files.multipart-threshold must be at "
                    + "least 5MB (the smallest part storage accepts), was " + files.multipartThreshold);
        }
        if (files.partConcurrency < 1) {
            errors.rejectValue("partConcurrency", "civis.tooSmall",
                    "civis.files.part-concurrency must be at least 1, was " + files.partConcurrency);
        }
        if (files.transferTimeout.isNegative() || files.transferTimeout.isZero()) {
            errors.rejectValue("transferTimeout", "civis.notPositive",
                    "civis.files.transfer-timeout must be positive, was " + files.transferTimeout);
        }
    }

}
