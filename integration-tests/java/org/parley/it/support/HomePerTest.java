package org.parley.it.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.parley.it.support.ParleyProcess.Home;

/**
 * A fresh {@link Home} (installation directory for real {@code parley.jar} processes) for each test, closed after it
 * (its processes stopped, its directory deleted). When a test fails, the output of its processes is printed, which is
 * the only way to see why a server process did what it did. The test class's own {@code @AfterEach} methods run
 * before the home is closed.
 */
public final class HomePerTest implements BeforeEachCallback, AfterEachCallback, TestWatcher {

    private Home home;

    /** The current test's home. */
    public Home home() {
        return home;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        home = Home.create();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (home != null) {
            System.out.println("Output of the parley.jar processes of " + context.getDisplayName() + ":\n"
                    + home.transcript());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // kept until the next test: JUnit reports a failure to testFailed after this, and the transcript outlives close
        home.close();
    }
}
