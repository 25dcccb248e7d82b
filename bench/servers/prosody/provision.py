#!/usr/bin/env python3
"""Provision Prosody 0.12 internal storage directly (much faster than N x prosodyctl register).
Writes <data>/<host>/accounts/userI.dat (password "pass": as SCRAM-SHA-1 verifiers for internal_hashed, or
in clear for internal_plain) for I=1..N and,
if R>0, symmetric rosters: userI has the R users I+-1..I+-R/2 (mod N), subscription=both.
Usage: provision.py DATA_DIR DOMAIN N R [hashed|plain]"""
import os, sys, shutil, hashlib, hmac

def enc(s):  # prosody datamanager path encoding: non-alnum -> %xx
    return ''.join(c if c.isalnum() or c == '_' else '%%%02x' % ord(c) for c in s)

data, domain, n, r = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
mode = sys.argv[5] if len(sys.argv) > 5 else 'plain'
host = os.path.join(data, enc(domain))
acc = os.path.join(host, 'accounts'); ros = os.path.join(host, 'roster')
os.makedirs(acc, exist_ok=True)
shutil.rmtree(ros, ignore_errors=True)
if mode == 'hashed':
    # what mod_auth_internal_hashed's create_user writes (RFC 5802 SCRAM-SHA-1); one salt for all, like the
    # other provisioners: the users share the password, and the login cost is the same with any salt
    salt, iters = 'bench-salt-0001', 4096
    salted = hashlib.pbkdf2_hmac('sha1', b'pass', salt.encode(), iters)
    stored = hashlib.sha1(hmac.new(salted, b'Client Key', 'sha1').digest()).hexdigest()
    server = hmac.new(salted, b'Server Key', 'sha1').hexdigest()
    body = ('return {\n\t["stored_key"] = "%s";\n\t["server_key"] = "%s";\n\t["salt"] = "%s";\n'
            '\t["iteration_count"] = %d;\n};\n' % (stored, server, salt, iters))
else:
    body = 'return {\n\t["password"] = "pass";\n};\n'
for i in range(1, n + 1):
    with open(os.path.join(acc, 'user%d.dat' % i), 'w') as f: f.write(body)
if r > 0:
    os.makedirs(ros)
    half = r // 2
    for i in range(1, n + 1):
        items = ['\t[false] = {\n\t\t["version"] = 1;\n\t\t["pending"] = {};\n\t};\n']
        for d in list(range(-half, 0)) + list(range(1, r - half + 1)):
            j = (i - 1 + d) % n + 1
            if j == i: continue
            items.append('\t["user%d@%s"] = {\n\t\t["subscription"] = "both";\n\t\t["groups"] = {};\n\t\t["name"] = "user%d";\n\t};\n' % (j, domain, j))
        with open(os.path.join(ros, 'user%d.dat' % i), 'w') as f:
            f.write('return {\n' + ''.join(items) + '};\n')
print('prosody: %d accounts, roster size %d' % (n, r))
