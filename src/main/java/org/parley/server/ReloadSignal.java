package org.parley.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGHUP into a certificate reload ({@code kill -HUP <pid>}), the convention of daemons such as nginx and
 * Prosody, so that a renewal hook (certbot's {@code --deploy-hook}) can make Parley take a new certificate at once.
 */
final class ReloadSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {}

    static void install(Runnable reload) {
        try {
            // the handler runs on a JVM signal thread; a reload reads two small files and builds one context
            Signal.handle(new Signal("HUP"), signal -> {
                LOG.info("SIGHUP received, re-reading the TLS certificate");
                reload.run();
            });
        } catch (IllegalArgumentException e) {
            // the JVM refuses HUP when it is ignored (nohup) or reserved (-Xrs); the periodic check still works
            LOG.warn("SIGHUP cannot be handled here ({}); the certificate is re-read only by the periodic check"
                    + " (tls.reload_interval)", e.getMessage());
        }
    }
}
