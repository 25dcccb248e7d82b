package org.parley.it.support;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} for a whole test class (style.md §3.8), started before its first test and stopped after
 * its last: {@code @RegisterExtension static final ServerPerClass SERVER = new ServerPerClass();}.
 */
public final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private TestServer server;

    public ServerPerClass() {
        this(Map.of());
    }

    /** A server with these configuration keys set (as {@link TestServer#start(Map)} takes them). */
    public ServerPerClass(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestServer.start(settings);
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
