package io.github.civis.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.civis.client.error.CivisConfigurationException;

/**
 * Turns a {@link CivisConfigurationException} (no API key, an unusable base URL), whether the
 * auto-configuration or the client's builder found it, into Boot's "APPLICATION FAILED TO START"
 * report naming the setting and environment variable to set.
 */
public class CivisFailureAnalyzer extends AbstractFailureAnalyzer<CivisConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CivisConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }

}
