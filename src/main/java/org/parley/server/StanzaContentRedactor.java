package org.parley.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps stanza content out of the logs at every level an operator runs with. Vysper 0.7 logs a "dense" rendering of
 * a stanza when a handler throws ({@code ProtocolWorker}: "error executing handler {} with stanza {}", at ERROR) or
 * leaves an IQ unhandled ({@code DefaultIQHandler}, at WARN), and that rendering includes a message's body text.
 * This filter drops such events and logs them again under {@code org.parley.server.vysper.VysperLog} with every
 * argument except class names replaced, so the failure stays visible and the content does not (issue 4, item 7).
 *
 * <p>Installed from {@code logback.xml} ({@code <turboFilter class="org.parley.server.StanzaContentRedactor"/>});
 * logging configuration is the one place where Parley code is named by a text file instead of the composition root.
 */
public final class StanzaContentRedactor extends TurboFilter {

    /** Where the redacted events go. */
    static final String TARGET = "org.parley.server.vysper.VysperLog";
    static final String REDACTED = "(stanza content not logged)";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format == null || params == null || params.length == 0 || !logger.getName().startsWith("org.apache.vysper")
                || !format.toLowerCase(Locale.ROOT).contains("stanza")) {
            return FilterReply.NEUTRAL;
        }
        Object[] safe = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            safe[i] = isClassName(params[i]) ? params[i] : REDACTED;
        }
        org.slf4j.Logger target = LoggerFactory.getLogger(TARGET);
        String message = logger.getName() + ": " + format;
        switch (level.toInt()) {
            case Level.ERROR_INT -> target.error(message, safe);
            case Level.WARN_INT -> target.warn(message, safe);
            case Level.INFO_INT -> target.info(message, safe);
            default -> target.debug(message, safe);
        }
        return FilterReply.DENY;
    }

    /** A handler's class name, as Vysper passes it: worth keeping, and never user content. */
    static boolean isClassName(Object param) {
        if (!(param instanceof String s) || !s.startsWith("org.") || s.length() > 200) {
            return false;
        }
        return s.chars().allMatch(c -> Character.isJavaIdentifierPart(c) || c == '.' || c == '$');
    }
}
