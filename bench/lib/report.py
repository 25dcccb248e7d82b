#!/usr/bin/env python3
"""The issue-5 table: Prosody, ejabberd and Parley side by side from one bench run, with Parley's ratios.
Usage: report.py RESULT_DIR...   (reads summary.json of each; several runs of one target/scenario are averaged)"""
import sys, json, os, statistics as st

TARGETS = ['prosody', 'ejabberd', 'parley']
runs = []
for d in sys.argv[1:]:
    p = os.path.join(d, 'summary.json')
    if os.path.exists(p):
        runs.append(json.load(open(p)))

def pick(scen, target, pred=lambda r: True):
    return [r for r in runs if r['scenario'] == scen and r['target'] == target and pred(r)]

def mean(xs):
    xs = [x for x in xs if x is not None]
    return st.mean(xs) if xs else None

rows = []   # (label, {target: value}, fmt, goal, lower_is_better)
# 1. memory per idle TLS session at each level
levels = sorted({l['level'] for r in runs if r['scenario'] == 'connections' for l in r.get('levels', [])})
for lv in levels:
    vals = {t: mean([l['kb_per_conn'] for r in pick('connections', t) for l in r.get('levels', []) if l['level'] == lv])
            for t in TARGETS}
    rows.append(('RSS per idle TLS session at %d sessions (KB, vs idle RSS)' % lv, vals, '%.1f', '<= 24', True))
for lv in levels[1:]:
    vals = {t: mean([l['kb_per_conn_incr'] for r in pick('connections', t) for l in r.get('levels', []) if l['level'] == lv])
            for t in TARGETS}
    rows.append(('  RSS growth per session up to %d (KB, vs previous level)' % lv, vals, '%.1f', '<= 24', True))
rows.append(('RSS peak of the whole run (teardown included) minus idle, per session held (KB)',
             {t: mean([(r['peak_rss_kb'] - r['idle_rss_kb']) / r['max_conns'] for r in pick('connections', t)
                       if r.get('max_conns')]) for t in TARGETS}, '%.1f', '<= 24', True))
rows.append(('Idle RSS before the level runs (MB)', {t: mean([r.get('idle_rss_kb', 0) / 1024 for r in pick('connections', t)])
             for t in TARGETS}, '%.1f', '', True))
rows.append(('CPU per TLS login, whole connections run (ms)', {t: mean([1000 * r.get('srv_cpu_s', 0) / max(r['logins'], 1)
             for r in pick('connections', t)]) for t in TARGETS}, '%.2f', '<= 1.5', True))
rows.append(('Login latency mean, connections run (ms)', {t: mean([r.get('login_mean_ms') for r in pick('connections', t)])
             for t in TARGETS}, '%.0f', '', True))
rows.append(('Sessions held (most concurrent)', {t: mean([r.get('max_conns') for r in pick('connections', t)])
             for t in TARGETS}, '%.0f', '19000', False))
rows.append(('Errors in connections runs', {t: (sum(sum(r['errors'].values()) for r in pick('connections', t))
             if pick('connections', t) else None) for t in TARGETS}, '%d', '0', True))
# 2. chat
rates = sorted({r.get('offered_rate') for r in runs if r['scenario'] == 'chat' and r.get('offered_rate')})
for rate in rates:
    sel = lambda t: pick('chat', t, lambda r: r.get('offered_rate') == rate and r.get('delivered_rate'))
    rows.append(('Chat at %d msg/s offered: delivered msg/s' % rate,
                 {t: mean([r['delivered_rate'] for r in sel(t)]) for t in TARGETS}, '%.0f', '', False))
    rows.append(('  CPU per delivered chat message (us)', {t: mean([1e4 * (r.get('srv_cpu_pct') or 0) / r['delivered_rate']
                 for r in sel(t)]) for t in TARGETS}, '%.0f', '<= 40', True))
    rows.append(('  latency mean (ms)', {t: mean([r.get('lat_mean_ms') for r in sel(t)]) for t in TARGETS}, '%.1f', '', True))
    rows.append(('  latency p99 bucket bound (ms)', {t: mean([r.get('lat_pct_le_ms', {}).get('99') for r in sel(t)])
                 for t in TARGETS}, '%.0f', '<= 20', True))
# 3. roster / presence fan-out
def phase(r, name):
    return next((p for p in r.get('phases', []) if p['phase'] == name), None)
for name, label in (('presence broadcast', 'CPU per delivered presence, broadcast phase (us)'),
                    ('login+initial presence', 'CPU per delivered presence, login phase incl. logins (us)')):
    vals = {}
    for t in TARGETS:
        ps = [phase(r, name) for r in pick('roster', t)]
        vals[t] = mean([1e6 * p['srv_cpu_s'] / p['presence_rcv'] for p in ps if p and p['presence_rcv']])
    rows.append((label, vals, '%.0f', '<= 40' if 'broadcast' in name else '', True))
rows.append(('Roster scenario: CPU per login incl. fan-out (ms)', {t: mean([1000 * r.get('srv_cpu_s', 0) / max(r['logins'], 1)
             for r in pick('roster', t)]) for t in TARGETS}, '%.2f', '', True))
rows.append(('Roster scenario: presences delivered', {t: mean([r.get('presence_rcv_total') for r in pick('roster', t)])
             for t in TARGETS}, '%.0f', '', False))

def cell(v, fmt):
    return '-' if v is None else fmt % v
def ratio(a, b):
    return '-' if a is None or b in (None, 0) else '%.2f' % (a / b)
print('| measure | Prosody | ejabberd | Parley | Parley / Prosody | Parley / ejabberd | Parley goal |')
print('|---|---|---|---|---|---|---|')
for label, vals, fmt, goal, _ in rows:
    if all(v is None for v in vals.values()):
        continue
    print('| %s | %s | %s | %s | %s | %s | %s |' % (label, cell(vals['prosody'], fmt), cell(vals['ejabberd'], fmt),
          cell(vals['parley'], fmt), ratio(vals['parley'], vals['prosody']), ratio(vals['parley'], vals['ejabberd']), goal))
print()
print('Ratios are Parley divided by the peer: below 1 means Parley uses less (or, for rates and sessions, delivers less).')
