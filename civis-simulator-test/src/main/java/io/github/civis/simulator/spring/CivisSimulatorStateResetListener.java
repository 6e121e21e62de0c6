package io.github.civis.simulator.spring;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Gives each {@link CivisSimulatorTest} class the simulator as its seed describes: before a test
 * class runs on a cached context that earlier classes used, the simulator is reset (objects,
 * runs, files, databases, tables, faults) and seeded again from its seed files and
 * {@link io.github.civis.simulator.sql.Seed} beans. A context made for the class itself is
 * left as it started.
 */
public final class CivisSimulatorStateResetListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestClass(TestContext testContext) {
        // Before the class's context is loaded nothing has used it: only a cached, shared one needs the reset.
        if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), CivisSimulatorTest.class)
                || !testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (context.containsBean(CivisSimulatorSeeding.BEAN_NAME)) {
            context.getBean(CivisSimulatorSeeding.BEAN_NAME, CivisSimulatorSeeding.class).resetAndSeed();
        }
    }

    /** Runs early, before the listeners that may already use the simulator. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
