#!/usr/bin/env python3
"""Counts the storage operations in an Azurite --debug log, by table / queue / container and operation.

Usage: azurite-debug-ops.py AZURITE_DEBUG_LOG [CONSULTATIONS]
With CONSULTATIONS (all consultations the run created, warm-up included) it also prints the count per consultation.
Get the log by putting a `node` wrapper first on PATH that adds `--debug FILE` when it runs azurite.js (see
docs/performance.md); Azurite's debug logging slows it down, so use it for counting, not for timing.
"""
import collections, re, sys

def resource(url):
    path = re.sub(r"^http://[^/]+/devstoreaccount1/?", "", url).split("?")[0]
    first = re.split(r"[/(]", path)[0]
    if "-control-" in first:
        return "control queue"
    if first.endswith("-workitems"):
        return "work-item queue"
    return "batch ($batch)" if first == "$batch" else first

def main():
    requests, operations = {}, {}
    for line in open(sys.argv[1], errors="replace"):
        m = re.match(r"\S+ (\S+) info: \w+StorageContextMiddleware: RequestMethod=(\w+) RequestURL=(\S+)", line)
        if m:
            requests[m.group(1)] = m.group(3)
            continue
        m = re.match(r"\S+ (\S+) info: DispatchMiddleware: Operation=(\w+)", line)
        if m:
            operations[m.group(1)] = m.group(2)
    counts = collections.Counter((resource(url), operations.get(rid, "?")) for rid, url in requests.items())
    per = float(sys.argv[2]) if len(sys.argv) > 2 else None
    for (res, op), n in counts.most_common():
        print(f"{n:7d}" + (f"  {n / per:6.1f}/consultation" if per else "") + f"  {res:28s} {op}")

if __name__ == "__main__":
    main()
