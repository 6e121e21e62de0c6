package io.github.civis.simulator.spring;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

import io.github.civis.simulator.CivisSimulator;

/**
 * Clears the fault rules of a {@link CivisSimulatorTest}'s simulator after each test method, so
 * that one test's faults never leak into the next test sharing the context.
 */
public final class CivisSimulatorFaultsResetListener implements TestExecutionListener, Ordered {

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), CivisSimulatorTest.class)
                || !testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (context.containsBean(CivisSimulatorContextCustomizer.BEAN_NAME)) {
            context.getBean(CivisSimulatorContextCustomizer.BEAN_NAME, CivisSimulator.class).faults().clear();
        }
    }

    /** Runs late, after the listeners that may still use the simulator (such as Spring's own). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
