#!/usr/bin/env python3
"""Splits the server-side time of each response POST at the moment the durable engine logs "Sending [EventRaised]",
from a server log written with --engine-log (timestamps to the millisecond).

Before that line: authentication, reading the consultation partition, storing the position and its audit entry.
After it: the engine's queue write of the event (which waits for a slot in DurableTask.AzureStorage's storage-operation
throttle, shared with all the engine's own work), deleting the inbox task, and writing the reply.

Usage: respond-split.py SERVER_LOG
"""
import collections, re, sys
from datetime import datetime

def ms(ts):
    return datetime.strptime(ts, "%H:%M:%S.%f").timestamp() * 1000

def pct(values, p):
    values = sorted(values)
    return values[max(0, min(len(values) - 1, int(-(-p * len(values) // 1)) - 1))] if values else float("nan")

def main():
    starts = collections.defaultdict(list)   # consultation id -> request start times, in order
    sends = collections.defaultdict(list)    # consultation id -> EventRaised send times, in order
    finishes = collections.defaultdict(list)
    for line in open(sys.argv[1], errors="replace"):
        m = re.match(r"(\d\d:\d\d:\d\d\.\d\d\d) .*Request starting HTTP/1.1 POST \S+/consultations/(\w+)/responses/", line)
        if m:
            starts[m.group(2)].append(ms(m.group(1)))
            continue
        m = re.match(r"(\d\d:\d\d:\d\d\.\d\d\d) .*Sending \[EventRaised\] message to \S+ for instance '(\w+)'", line)
        if m:
            sends[m.group(2)].append(ms(m.group(1)))
            continue
        m = re.match(r"(\d\d:\d\d:\d\d\.\d\d\d) .*Request finished HTTP/1.1 POST \S+/consultations/(\w+)/responses/\S+ - 202 ", line)
        if m:
            finishes[m.group(2)].append(ms(m.group(1)))
    before, after = [], []
    for cid, s in starts.items():
        for a, b, c in zip(s, sends.get(cid, []), finishes.get(cid, [])):
            if a <= b <= c:
                before.append(b - a)
                after.append(c - b)
    print(f"{len(before)} response POSTs matched")
    for name, values in (("start -> engine sends the event (app storage calls)", before), ("engine sends the event -> 202 (queue write incl. throttle, task delete)", after)):
        print(f"  {name}: p50 {pct(values, .5):.0f} ms, p95 {pct(values, .95):.0f} ms, mean {sum(values) / max(1, len(values)):.0f} ms")

if __name__ == "__main__":
    main()
