#!/usr/bin/env python3
"""Summarises a dotnet-trace Speedscope export (profile dotnet-sampled-thread-time): where the threads of a .NET
process spend their time, with waiting separated from running.

Usage: speedscope-top.py TRACE.speedscope.json [--top N]

The sampled-thread-time profile puts a pseudo-frame on top of each sample: CPU_TIME when the thread was running
managed code, UNMANAGED_CODE_TIME when it was in native code (mostly blocked: waits, epoll, socket reads). Time under
CPU_TIME is reported as running and attributed to the managed frame below it; inclusive time is reported for groups of
frames (our code and the libraries we call), so that "how much of the running time is under X" can be read directly.
"""
import collections, json, re, sys

RUNNING = "CPU_TIME"

GROUPS = [
    ("durable engine (DurableTask.*)", re.compile(r"^DurableTask\.")),
    ("orchestrator/activities (G7Flows.Workflows, DurableTask shims)", re.compile(r"^(G7Flows\.Workflows\.(Orchestrators|Activities)|Microsoft\.DurableTask)")),
    ("API handlers (G7Flows.Workflows.Api)", re.compile(r"^G7Flows\.Workflows\.Api")),
    ("G7Flows storage code", re.compile(r"^G7Flows\.Workflows\.(Storage|Records)")),
    ("Azure SDK (Azure.*)", re.compile(r"^Azure\.")),
    ("ASP.NET Core / Kestrel", re.compile(r"^Microsoft\.AspNetCore")),
    ("JWT validation (IdentityModel)", re.compile(r"^Microsoft\.IdentityModel|JsonWebToken")),
    ("JSON (System.Text.Json / Newtonsoft)", re.compile(r"^(System\.Text\.Json|Newtonsoft\.Json)")),
    ("HTTP client (System.Net.Http)", re.compile(r"^System\.Net\.Http")),
    ("sockets (System.Net.Sockets)", re.compile(r"^System\.Net\.Sockets")),
    ("crypto (System.Security.Cryptography)", re.compile(r"^System\.Security\.Cryptography")),
    ("XML (System.Xml)", re.compile(r"^System\.Xml")),
    ("logging (Microsoft.Extensions.Logging)", re.compile(r"^Microsoft\.Extensions\.Logging")),
    ("G7Flows diagnostics (storage counters)", re.compile(r"^G7Flows\.Server\.Diagnostics")),
]

def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    leaf = collections.Counter()
    incl = collections.Counter()
    group_incl = collections.Counter()
    running = waiting = 0.0
    for prof in data["profiles"]:
        stack, last = [], None
        for ev in prof["events"]:
            at = ev["at"]
            if last is not None and stack and at > last:
                dt = at - last
                if frames[stack[-1]] != RUNNING:
                    waiting += dt
                else:
                    running += dt
                    leaf[frames[stack[-2]] if len(stack) > 1 else RUNNING] += dt
                    seen = set()
                    for f in stack:
                        name = frames[f]
                        if name not in seen:
                            incl[name] += dt
                            seen.add(name)
                    hit = set()
                    for f in stack:
                        for title, rx in GROUPS:
                            if title not in hit and rx.search(frames[f]):
                                group_incl[title] += dt
                                hit.add(title)
            last = at
            if ev["type"] == "O":
                stack.append(ev["frame"])
            elif stack:
                stack.pop()
    print(f"{path}: {len(data['profiles'])} threads; running {running / 1000:.1f} s, waiting {waiting / 1000:.1f} s (thread-seconds)")
    print("\nrunning time under ... (inclusive; groups overlap):")
    for title, ms in group_incl.most_common():
        print(f"  {100 * ms / running:5.1f}%  {title}")
    print("\nrunning time by top frame (exclusive):")
    for name, ms in leaf.most_common(top):
        print(f"  {100 * ms / running:5.1f}%  {name[:150]}")
    print("\nrunning time by frame (inclusive), G7Flows / DurableTask / Azure frames:")
    for name, ms in [(n, m) for n, m in incl.most_common() if re.match(r"^(G7Flows|DurableTask|Azure\.|Microsoft\.DurableTask)", n)][:top]:
        print(f"  {100 * ms / running:5.1f}%  {name[:150]}")

if __name__ == "__main__":
    main()
