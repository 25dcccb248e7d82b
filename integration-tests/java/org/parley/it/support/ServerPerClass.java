package org.parley.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} for a whole test class (style.md §3.8), started before its first test and stopped after
 * its last: {@code @RegisterExtension static final ServerPerClass SERVER = new ServerPerClass();}.
 */
public final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {

    private TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public TestServer server() {
        if (server == null) {
            throw new IllegalStateException("the test server starts before the class's first test");
        }
        return server;
    }
}
