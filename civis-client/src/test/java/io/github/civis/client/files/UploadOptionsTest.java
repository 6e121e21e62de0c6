package io.github.civis.client.files;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.civis.client.error.CivisValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UploadOptionsTest {

    private static final long MB = 1024 * 1024;

    @Test
    void negativeExpiryIsRefusedNamingTheValue() {
        assertThatExceptionOfType(CivisValidationException.class)
            .isThrownBy(() -> UploadOptions.defaults().withExpiry(Duration.ofDays(-1)))
            .withMessageContaining("expiry must be a positive duration")
            .withMessageContaining("PT-24H");
    }

    @Test
    void partSizeOutsideWhatStorageAcceptsIsRefused() {
        assertThatExceptionOfType(CivisValidationException.class)
            .isThrownBy(() -> UploadOptions.defaults().withPartSize(MB))
            .withMessageContaining("partSize must be from 5242880");
        assertThatExceptionOfType(CivisValidationException.class)
            .isThrownBy(() -> UploadOptions.defaults().withPartConcurrency(0))
            .withMessageContaining("partConcurrency must be at least 1");
    }

    @Test
    void defaultPartSizeGrowsWithTheFileWithinStorageLimits() {
        assertThat(UploadOptions.defaultPartSize(60 * MB)).isEqualTo((long) Math.sqrt(5.0 * MB * 60 * MB));
        assertThat(UploadOptions.defaultPartSize(51 * MB)).isGreaterThanOrEqualTo(UploadOptions.MIN_PART_SIZE);
        assertThat(UploadOptions.defaultPartSize(2048 * MB)).isBetween(100 * MB, 110 * MB);
        long huge = 5L * 1024 * 1024 * 1024 * 1024;
        assertThat(huge / UploadOptions.defaultPartSize(huge)).isLessThanOrEqualTo(UploadOptions.MAX_PARTS);
    }

    @Test
    void throttledProgressPassesTheFinalUpdate() {
        java.util.List<Long> seen = new java.util.ArrayList<>();
        TransferProgressListener throttled = TransferProgressListener.throttled(Duration.ofHours(1),
                (done, total) -> seen.add(done));

        throttled.onProgress(1, 10);
        throttled.onProgress(5, 10);
        throttled.onProgress(10, 10);

        assertThat(seen).containsExactly(1L, 10L);
    }
}
