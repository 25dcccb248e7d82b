#!/usr/bin/env python3
"""The issue-5 table: Prosody, ejabberd and Parley side by side from one bench run, with Parley's ratios.
Usage: report.py RESULT_DIR...   (reads summary.json of each; several runs of one target/scenario are averaged)
Runs with ARCHIVE=on and ARCHIVE=off are never averaged together: one table per setting, and when both are there,
a table of the archive's cost per chat message (bench/run.sh archive)."""
import sys, json, os, statistics as st

TARGETS = ['prosody', 'ejabberd', 'parley']
all_runs = []
for d in sys.argv[1:]:
    p = os.path.join(d, 'summary.json')
    if os.path.exists(p):
        r = json.load(open(p))
        r.setdefault('archive', 'off')     # summaries from before the ARCHIVE switch: no archive on any server
        all_runs.append(r)

def mean(xs):
    xs = [x for x in xs if x is not None]
    return st.mean(xs) if xs else None

def build(runs):
    def pick(scen, target, pred=lambda r: True):
        return [r for r in runs if r['scenario'] == scen and r['target'] == target and pred(r)]
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

    return rows

def cell(v, fmt):
    return '-' if v is None else fmt % v
def ratio(a, b):
    return '-' if a is None or b in (None, 0) else '%.2f' % (a / b)
def print_table(rows):
    print('| measure | Prosody | ejabberd | Parley | Parley / Prosody | Parley / ejabberd | Parley goal |')
    print('|---|---|---|---|---|---|---|')
    for label, vals, fmt, goal, _ in rows:
        if all(v is None for v in vals.values()):
            continue
        print('| %s | %s | %s | %s | %s | %s | %s |' % (label, cell(vals['prosody'], fmt), cell(vals['ejabberd'], fmt),
              cell(vals['parley'], fmt), ratio(vals['parley'], vals['prosody']), ratio(vals['parley'], vals['ejabberd']), goal))
    print()

settings = sorted({r['archive'] for r in all_runs}, key=lambda a: a != 'off')
for a in settings:
    print('Message archive %s (ARCHIVE=%s: %s)' % (a, a, 'MAM and carbons loaded on every server in these runs' if a == 'on'
          else "no archive on the peers, Parley's mam.enabled and carbons.enabled false"))
    print()
    print_table(build([r for r in all_runs if r['archive'] == a]))
print('Ratios are Parley divided by the peer: below 1 means Parley uses less (or, for rates and sessions, delivers less).')

# the archive's cost: CPU per delivered chat message with the archive on against off, per target and rate
if len(settings) > 1:
    def cpu(t, rate, a):
        return mean([1e4 * (r.get('srv_cpu_pct') or 0) / r['delivered_rate'] for r in all_runs
                     if r['scenario'] == 'chat' and r['target'] == t and r['archive'] == a
                     and r.get('offered_rate') == rate and r.get('delivered_rate')])
    def field(t, rate, a, k):
        return mean([r.get(k) for r in all_runs if r['scenario'] == 'chat' and r['target'] == t and r['archive'] == a
                     and r.get('offered_rate') == rate])
    print()
    print('The archive\'s cost per chat message (MAM and carbons on against off, same invocation):')
    print()
    print('| chat, offered msg/s | measure | Prosody | ejabberd | Parley | Parley / Prosody | Parley / ejabberd |')
    print('|---|---|---|---|---|---|---|')
    for rate in sorted({r.get('offered_rate') for r in all_runs if r['scenario'] == 'chat' and r.get('offered_rate')}):
        on = {t: cpu(t, rate, 'on') for t in TARGETS}
        off = {t: cpu(t, rate, 'off') for t in TARGETS}
        inc = {t: (on[t] / off[t] - 1) * 100 if on[t] is not None and off[t] else None for t in TARGETS}
        for label, vals, fmt, ratios in (
                ('CPU per delivered message, archive on (us)', on, '%.0f', True),
                ('CPU per delivered message, archive off (us)', off, '%.0f', True),
                ('  the archive adds (%, on / off - 1; Parley\'s bound: 25)', inc, '%+.0f', False),
                ('delivered msg/s, archive on', {t: field(t, rate, 'on', 'delivered_rate') for t in TARGETS}, '%.0f', True),
                ('archived per sent message, archive on (2 = both copies)',
                 {t: field(t, rate, 'on', 'archived_per_sent') for t in TARGETS}, '%.2f', False)):
            if all(v is None for v in vals.values()):
                continue
            r1 = ratio(vals['parley'], vals['prosody']) if ratios else ''
            r2 = ratio(vals['parley'], vals['ejabberd']) if ratios else ''
            print('| %d | %s | %s | %s | %s | %s | %s |' % (rate, label, cell(vals['prosody'], fmt),
                  cell(vals['ejabberd'], fmt), cell(vals['parley'], fmt), r1, r2))
