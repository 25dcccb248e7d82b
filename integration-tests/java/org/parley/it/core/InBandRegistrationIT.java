package org.parley.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;
import org.parley.it.support.Clients;
import org.parley.it.support.TestServer;
import org.parley.xmpp.BareJid;

/** XEP-0077 in-band registration: off by default; when on, only safe operations. */
class InBandRegistrationIT {

    @Test
    @DisplayName("XEP-0077 §3.1: with registration.inband=true a client creates an account and logs in with it")
    void registerWhenEnabled() throws Exception {
        try (TestServer server = TestServer.start(Map.of("registration.inband", "true"))) {
            String name = TestServer.uniqueName("newbie");
            XMPPTCPConnection connection = Clients.connect(server, name, "newbie-password");
            try {
                assertThat(connection.hasFeature("register", "http://jabber.org/features/iq-register"))
                        .as("XEP-0077 §4 stream feature on the encrypted stream").isTrue();
                AccountManager accounts = AccountManager.getInstance(connection);
                assertThat(accounts.supportsAccountCreation()).isTrue();
                accounts.createAccount(Localpart.from(name), "newbie-password");
                connection.login();
                assertThat(connection.isAuthenticated()).isTrue();
            } finally {
                connection.disconnect();
            }
            assertThat(server.accounts().exists(new BareJid(name, TestServer.DOMAIN))).isTrue();
        }
    }

    @Test
    @DisplayName("XEP-0077 §3.1: registering a taken name is a conflict; a weak password is not-acceptable")
    void conflictAndWeakPassword() throws Exception {
        try (TestServer server = TestServer.start(Map.of("registration.inband", "true"))) {
            String taken = TestServer.uniqueName("taken");
            server.createUser(taken, "first-owner-pw");
            XMPPTCPConnection connection = Clients.connect(server, "x", "y");
            try {
                AccountManager accounts = AccountManager.getInstance(connection);
                assertThatThrownBy(() -> accounts.createAccount(Localpart.from(taken), "another-password"))
                        .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(
                                e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.conflict));
                assertThatThrownBy(() -> accounts.createAccount(Localpart.from(TestServer.uniqueName("w")), "short"))
                        .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(
                                e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
            } finally {
                connection.disconnect();
            }
        }
    }

    @Test
    @DisplayName("XEP-0077 §3.3: a user changes their own password, but never another user's")
    void changeOwnPasswordOnly() throws Exception {
        try (TestServer server = TestServer.start(Map.of("registration.inband", "true"))) {
            String mallory = TestServer.uniqueName("mallory");
            String victim = TestServer.uniqueName("victim");
            server.createUser(mallory, "mallory-password");
            server.createUser(victim, "victim-password");
            XMPPTCPConnection connection = Clients.login(server, mallory, "mallory-password");
            try {
                Registration attack = new Registration(Map.of("username", victim, "password", "pwned-password"));
                attack.setType(IQ.Type.set);
                attack.setTo(JidCreate.domainBareFrom(TestServer.DOMAIN));
                assertThatThrownBy(() -> connection.createStanzaCollectorAndSend(attack).nextResultOrThrow())
                        .isInstanceOf(XMPPErrorException.class);
                AccountManager.getInstance(connection).changePassword("mallory-new-password");
            } finally {
                connection.disconnect();
            }
            assertThat(server.accounts().verifyPassword(new BareJid(victim, TestServer.DOMAIN), "victim-password"))
                    .as("victim's password unchanged").isTrue();
            assertThat(server.accounts().verifyPassword(new BareJid(mallory, TestServer.DOMAIN),
                    "mallory-new-password")).isTrue();
            XMPPTCPConnection old = Clients.connect(server, mallory, "mallory-password");
            try {
                assertThatThrownBy(old::login).isInstanceOf(SASLErrorException.class);
            } finally {
                old.disconnect();
            }
        }
    }

    @Test
    @DisplayName("XEP-0077 off (the default): RFC 6120 §4.9.3.12 not-authorized for an IQ before authentication")
    void refusedWhenDisabled() throws Exception {
        try (TestServer server = TestServer.start()) {
            String name = TestServer.uniqueName("uninvited");
            XMPPTCPConnection connection = Clients.connect(server, name, "uninvited-pw");
            try {
                assertThat(connection.hasFeature("register", "http://jabber.org/features/iq-register")).isFalse();
                AccountManager accounts = AccountManager.getInstance(connection);
                assertThatThrownBy(() -> accounts.createAccount(Localpart.from(name), "uninvited-pw"))
                        .hasRootCauseInstanceOf(StreamErrorException.class)
                        .rootCause().hasMessageContaining("not-authorized");
            } finally {
                connection.disconnect();
            }
            assertThat(server.accounts().exists(new BareJid(name, TestServer.DOMAIN))).isFalse();
        }
    }
}
