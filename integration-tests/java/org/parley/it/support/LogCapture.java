package org.parley.it.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger of the in-process server logs, at INFO and above, so a test can wait for a log event as a
 * sync point (the server's own background work, such as a periodic check, has no other event) and check warnings.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final List<ILoggingEvent> seen = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    private LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO); // logback-test.xml keeps org.parley at WARN
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts recording what {@code source}'s logger logs. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** Waits for an event at {@code level} whose message contains {@code text}; fails listing what was logged. */
    public ILoggingEvent await(Level level, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ILoggingEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + level + " containing '" + text + "' within " + timeout + "; logged: "
                        + seen.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
            }
            seen.add(event);
            if (event.getLevel().equals(level) && event.getFormattedMessage().contains(text)) {
                return event;
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
    }
}
