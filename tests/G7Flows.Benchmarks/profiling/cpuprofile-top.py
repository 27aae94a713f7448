#!/usr/bin/env python3
"""Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package/file, busiest first.

Usage: cpuprofile-top.py PROFILE [--top N]
Idle and GC are reported separately; "(program)" is native work outside JavaScript (the HTTP parser, libuv, ...).
"""
import collections, json, re, sys

def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    prof = json.load(open(path))
    nodes = {n["id"]: n for n in prof["nodes"]}
    deltas = prof.get("timeDeltas", [])
    self_us = collections.Counter()
    for sample, delta in zip(prof["samples"], deltas[1:] + [0]):
        self_us[sample] += delta
    total = sum(self_us.values())
    by_fn, by_pkg = collections.Counter(), collections.Counter()
    for node_id, us in self_us.items():
        frame = nodes[node_id]["callFrame"]
        name = frame["functionName"] or "(anonymous)"
        url = frame.get("url", "")
        m = re.search(r"node_modules/((?:@[^/]+/)?[^/]+)/(.*)", url)
        if m:
            pkg = m.group(1) + ("/" + m.group(2).split("/")[2] if m.group(1) == "azurite" and m.group(2).startswith("dist/src/") else "")
        elif url.startswith("node:") or url.startswith("internal"):
            pkg = "node:" + url.split(":", 1)[1].split("/")[0]
        else:
            pkg = url or name
        by_fn[f"{name}  [{url.split('/')[-1]}:{frame.get('lineNumber', 0) + 1}]"] += us
        by_pkg[pkg] += us
    print(f"profile {path}: {total / 1e6:.1f} s sampled")
    for title, counter in (("by package / Azurite service", by_pkg), ("by function (self time)", by_fn)):
        print(f"\n{title}:")
        for key, us in counter.most_common(top):
            print(f"  {100 * us / total:5.1f}%  {us / 1e6:7.2f} s  {key}")

if __name__ == "__main__":
    main()
