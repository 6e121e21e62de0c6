package io.github.civis.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CivisConfigurationException} (no API key, an unusable base URL) into Boot's
 * "APPLICATION FAILED TO START" report naming the property and environment variable to set.
 */
public class CivisFailureAnalyzer extends AbstractFailureAnalyzer<CivisConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CivisConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }

}
