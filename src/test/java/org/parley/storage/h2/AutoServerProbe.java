package org.parley.storage.h2;

import java.nio.file.Path;
import java.time.Instant;
import org.parley.account.AccountCredentials;
import org.parley.account.ScramCredentials;
import org.parley.account.ScramHash;
import org.parley.storage.Database;
import org.parley.xmpp.BareJid;

/**
 * Run by {@link MigrationsTest} in a second JVM, like the admin CLI would be: opens the data directory that the
 * test JVM holds open, reads the account the test wrote, and writes one of its own. Exit code 0 means both worked.
 */
public final class AutoServerProbe {

    private AutoServerProbe() {}

    /** @param args the data directory, the JID to expect, the JID to create */
    public static void main(String[] args) {
        try (Database database = Database.openFile(Path.of(args[0]), 1)) {
            H2AccountStore store = new H2AccountStore(database.dataSource());
            if (!store.exists(BareJid.parse(args[1]))) {
                throw new IllegalStateException(args[1] + " is not visible from the second process");
            }
            ScramCredentials sha1 = ScramCredentials.derive(ScramHash.SHA_1, "probe password", new byte[16], 4096);
            ScramCredentials sha256 = ScramCredentials.derive(ScramHash.SHA_256, "probe password", new byte[16], 4096);
            if (!store.create(new AccountCredentials(BareJid.parse(args[2]), sha1, sha256, Instant.now()))) {
                throw new IllegalStateException(args[2] + " exists already");
            }
        }
    }
}
