package org.parley.account.vysper;

import java.util.Objects;
import org.apache.vysper.xmpp.addressing.Entity;
import org.apache.vysper.xmpp.authorization.AccountCreationException;
import org.apache.vysper.xmpp.authorization.AccountManagement;
import org.apache.vysper.xmpp.authorization.UserAuthorization;
import org.parley.account.AccountService;
import org.parley.account.ChangeResult;
import org.parley.account.RegistrationResult;
import org.parley.xmpp.BareJid;

/**
 * Vysper's account SPIs ({@link AccountManagement}, {@link UserAuthorization}) over Parley's {@link AccountService},
 * so Vysper code that looks accounts up (delivery to unknown users, its admin commands) sees the H2 accounts.
 * Passwords are checked against the stored SCRAM credentials; no clear text is kept anywhere.
 */
public final class VysperAccounts implements AccountManagement, UserAuthorization {

    private final AccountService accounts;
    private final String domain;

    public VysperAccounts(AccountService accounts, String domain) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    @Override
    public void addUser(Entity username, String password) throws AccountCreationException {
        BareJid jid = toJid(username);
        RegistrationResult result = accounts.register(jid, password);
        if (!(result instanceof RegistrationResult.Created)) {
            throw new AccountCreationException(describe(result));
        }
    }

    @Override
    public void changePassword(Entity username, String password) throws AccountCreationException {
        ChangeResult result = accounts.changePassword(toJid(username), password);
        if (!(result instanceof ChangeResult.Changed)) {
            throw new AccountCreationException(result.toString());
        }
    }

    @Override
    public boolean verifyAccountExists(Entity jid) {
        if (jid == null || !jid.isNodeSet() || !domain.equalsIgnoreCase(jid.getDomain())) {
            return false;
        }
        try {
            return accounts.exists(toJid(jid));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean verifyCredentials(Entity jid, String passwordCleartext, Object credentials) {
        return jid != null && verifyCredentials(jid.getBareJID().getFullQualifiedName(), passwordCleartext, null);
    }

    @Override
    public boolean verifyCredentials(String username, String passwordCleartext, Object credentials) {
        if (username == null || passwordCleartext == null) {
            return false;
        }
        try {
            BareJid jid = BareJid.parse(username, domain);
            return jid.domain().equals(domain) && accounts.verifyPassword(jid, passwordCleartext);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private BareJid toJid(Entity entity) {
        return new BareJid(entity.getNode(), entity.getDomain());
    }

    private static String describe(RegistrationResult result) {
        if (result instanceof RegistrationResult.Rejected rejected) {
            return rejected.reason();
        }
        return result instanceof RegistrationResult.AlreadyExists ? "the account already exists" : result.toString();
    }
}
