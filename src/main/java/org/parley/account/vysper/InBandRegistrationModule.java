package org.parley.account.vysper;

import java.util.List;
import org.apache.vysper.xml.fragment.XMLElement;
import org.apache.vysper.xmpp.modules.DefaultModule;
import org.apache.vysper.xmpp.protocol.HandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceHandlerDictionary;
import org.apache.vysper.xmpp.protocol.NamespaceURIs;
import org.parley.account.AccountService;

/**
 * XEP-0077 In-Band Registration, only when {@code registration.inband=true}. Replaces Vysper's module, which lets
 * any logged-in user set any other user's password and registers accounts over an unencrypted stream.
 */
public final class InBandRegistrationModule extends DefaultModule {

    private final InBandRegistrationHandler handler;

    public InBandRegistrationModule(AccountService accounts, String domain) {
        this.handler = new InBandRegistrationHandler(accounts, domain);
    }

    @Override
    public String getName() {
        return "XEP-0077 In-Band Registration (Parley)";
    }

    @Override
    public String getVersion() {
        return "2.4";
    }

    /** The stream feature announcing registration (XEP-0077 §4), offered once the stream is encrypted. */
    public XMLElement streamFeature() {
        return new XMLElement(NamespaceURIs.JABBER_ORG_FEATURES_IQ_REGISTER, "register", null, List.of(), List.of());
    }

    @Override
    protected void addHandlerDictionaries(List<HandlerDictionary> dictionaries) {
        dictionaries.add(new NamespaceHandlerDictionary(NamespaceURIs.JABBER_IQ_REGISTER, handler));
    }
}
