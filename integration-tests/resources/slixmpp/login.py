"""Logs in to a Parley test server with slixmpp and reports the outcome on stdout, for SlixmppLoginIT.

Usage: login.py JID PASSWORD PORT CA_FILE MECHANISM [no-channel-binding]
slixmpp 1.8 supports only the tls-unique channel binding, which Parley does not offer; it then still sends the gs2
flag 'y' ("I bind, but you cannot"), which a server offering -PLUS must refuse as a downgrade (RFC 5802 section 6).
"no-channel-binding" makes it a client without channel binding support (flag 'n'), as newer slixmpp versions behave
when the server's XEP-0440 types do not match theirs.
Prints "MECHANISM <name>" for the mechanism slixmpp chose, then "LOGGED-IN <full jid>" or "AUTH-FAILED".
Exits by itself within 20 seconds whatever happens (the JUnit side also bounds it).
"""
import asyncio
import logging
import sys

import slixmpp

jid, password, port, ca_file, mechanism = sys.argv[1:6]
without_channel_binding = sys.argv[6:] == ['no-channel-binding']
logging.basicConfig(level=logging.WARNING, stream=sys.stderr)


class Login(slixmpp.ClientXMPP):
    def __init__(self):
        super().__init__(jid, password, sasl_mech=mechanism)
        self.ca_certs = ca_file
        self.add_event_handler('session_start', self.started)
        self.add_event_handler('failed_all_auth', self.failed)

    def started(self, _event):
        print('MECHANISM', self['feature_mechanisms'].mech.name, flush=True)
        print('LOGGED-IN', self.boundjid.full, flush=True)
        self.disconnect()

    def failed(self, _event):
        print('AUTH-FAILED', flush=True)
        self.disconnect()


client = Login()
if without_channel_binding:
    mechanisms = client['feature_mechanisms']
    default_credentials = mechanisms.sasl_callback

    def credentials_without_binding(required, optional):
        values = default_credentials(required, optional)
        values['channel_binding'] = None
        return values

    mechanisms.sasl_callback = credentials_without_binding
client.connect(('127.0.0.1', int(port)))
try:
    client.loop.run_until_complete(asyncio.wait_for(client.disconnected, 20))
except asyncio.TimeoutError:
    print('TIMEOUT', flush=True)
    sys.exit(2)
