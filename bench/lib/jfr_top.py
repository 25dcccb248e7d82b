#!/usr/bin/env python3
"""Top frames of JFR execution samples, as short text tables (used by bin/profile.sh).
Usage: jfr print --stack-depth 64 --events jdk.ExecutionSample REC.jfr | jfr_top.py [ROWS]
Reads jfr's text output line by line (a recording's JSON can be hundreds of MB) and prints: the threads (names with
their numbers folded), the top frames by self samples (the method on top of the stack), and by inclusive samples
(methods anywhere in the stack, counted once per sample; stacks deeper than 64 frames are cut at 64), the latter for
Parley, Vysper, H2, Aalto and the JDK's TLS only, so that thread-pool and MINA plumbing do not fill it.
JFR samples threads that run Java code only: a thread in a system call (a selector's epoll_wait, a socket write) is
not in these tables; async-profiler's flame graph, taken in the same run, has them."""
import sys, re
from collections import Counter

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20
threads, self_, incl = Counter(), Counter(), Counter()
n, stack, in_stack, thread = 0, [], False, '?'
frame_re = re.compile(r'^\s+([\w$.<>/]+)\((.*?)\)')
def flush():
    global n, stack
    if stack:
        n += 1
        threads[thread] += 1
        self_[stack[0]] += 1
        for m in set(stack): incl[m] += 1
    stack = []
for line in sys.stdin:
    if line.startswith('jdk.ExecutionSample'):
        flush(); thread = '?'; in_stack = False
    elif 'sampledThread = ' in line:
        m = re.search(r'sampledThread = "(.*?)"', line)
        # parley-c2s-3 and NioProcessor-12 are one pool each: fold the numbers
        thread = re.sub(r'\d+', 'N', m.group(1)) if m else '?'
    elif 'stackTrace = [' in line:
        in_stack = True
    elif in_stack:
        if line.strip() == ']':
            in_stack = False
            continue
        m = frame_re.match(line)
        if m: stack.append(m.group(1))
flush()
if not n:
    print('no execution samples'); sys.exit(0)
def table(title, c, k):
    print('\n%s (of %d samples)' % (title, n))
    print('%7s %7s  %s' % ('share', 'samples', k))
    for name, v in c.most_common(rows):
        print('%6.1f%% %7d  %s' % (100.0 * v / n, v, name))
table('Threads', threads, 'thread (numbers folded)')
table('Top frames, self', self_, 'method on top of the stack')
OURS = ('org.parley.', 'org.apache.vysper.', 'org.h2.', 'com.fasterxml.aalto.', 'sun.security.ssl.')
table('Top frames, inclusive (Parley, Vysper, H2, Aalto, JDK TLS)',
      Counter({m: v for m, v in incl.items() if m.startswith(OURS)}), 'method anywhere in the stack')
