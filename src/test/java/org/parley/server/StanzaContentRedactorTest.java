package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Vysper's log lines that render a stanza reach the log without its content; everything else is untouched. */
class StanzaContentRedactorTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final StanzaContentRedactor redactor = new StanzaContentRedactor();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void install() {
        redactor.setContext(context);
        redactor.start();
        context.addTurboFilter(redactor);
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @AfterEach
    void remove() {
        context.getTurboFilterList().remove(redactor);
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }

    @Test
    void aVysperLineWithAStanzaLosesTheContentButKeepsTheHandler() {
        LoggerFactory.getLogger("org.apache.vysper.xmpp.protocol.ProtocolWorker").error(
                "error executing handler {} with stanza {}", "org.parley.presence.vysper.RoutingHandler",
                "message.body.I love you, meet me at 9");
        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLoggerName()).isEqualTo(StanzaContentRedactor.TARGET);
        assertThat(event.getFormattedMessage()).contains("org.parley.presence.vysper.RoutingHandler")
                .contains(StanzaContentRedactor.REDACTED).doesNotContain("love");
    }

    @Test
    void otherLinesPassUnchanged() {
        LoggerFactory.getLogger("org.parley.somewhere").warn("stanza {} of {}", "presence", "x");
        LoggerFactory.getLogger("org.apache.vysper.xmpp.server").error("session {} closed", "s1");
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("stanza presence of x", "session s1 closed");
    }
}
