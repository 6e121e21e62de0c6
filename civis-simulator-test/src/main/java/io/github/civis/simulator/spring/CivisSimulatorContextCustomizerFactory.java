package io.github.civis.simulator.spring;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Gives test classes annotated {@link CivisSimulatorTest} a {@link CivisSimulatorContextCustomizer}. */
class CivisSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        CivisSimulatorTest settings = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                CivisSimulatorTest.class);
        return (settings != null) ? new CivisSimulatorContextCustomizer(settings.apiKey(), settings.username(),
                settings.runStepMillis(), settings.endpointsDocument(), settings.rateLimit(),
                settings.runRateLimit(), List.of(settings.seed())) : null;
    }
}
