package io.github.civis.testsupport;

import java.io.PrintStream;

import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints each skipped test or class with its reason on the console, one line each, e.g.
 * {@code Skipped: CivisSimulatorContainerIT: Disabled because Docker is not available}. The build's
 * own summary only counts skipped tests; the reasons would otherwise be only in the XML reports.
 * Registered for the project's test runs through {@code META-INF/services}.
 */
public final class SkippedTestsReport implements TestExecutionListener {

    private final PrintStream out;
    private @Nullable TestPlan plan;

    /** Prints to {@code System.out}, as the JUnit Platform makes it. */
    public SkippedTestsReport() {
        this(System.out);
    }

    SkippedTestsReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        out.println("Skipped: " + name(test) + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // nothing: only skips are reported here
    }

    /** The test with the classes around it, e.g. {@code FooTest > bar()}. */
    private String name(TestIdentifier test) {
        StringBuilder name = new StringBuilder(test.getDisplayName());
        TestIdentifier current = test;
        TestPlan known = plan;
        while (known != null) {
            TestIdentifier parent = known.getParent(current).orElse(null);
            if (parent == null || parent.getParentIdObject().isEmpty()) {
                break;  // the engine itself is no part of the name
            }
            name.insert(0, parent.getDisplayName() + " > ");
            current = parent;
        }
        return name.toString();
    }
}
