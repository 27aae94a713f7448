#!/usr/bin/env python3
"""Prints a Markdown table of the key figures of benchmark result files.

Usage: results-table.py [--compact] RESULT.json [RESULT.json ...]

--compact: run, settings, others' CPU, responses/s sustained, POST p50/p95/p99, record p50/p95 on the storage clock,
server/Azurite cores, Azurite CPU per consultation and storage requests per consultation. In a run where a consultation
never published its record the load phase includes the benchmark's 3-minute wait for it, so its CPU figures are not
comparable (marked).
"""
import json, os, sys

def main():
    args = [a for a in sys.argv[1:] if a != "--compact"]
    compact = "--compact" in sys.argv
    if compact:
        print("| run | settings | others' CPU | responses/s sustained | response POST p50 / p95 / p99 ms | last response → record p50 / p95 s | server / Azurite cores | Azurite CPU ms per consultation | storage requests per consultation |")
        print("|---|---|---|---|---|---|---|---|---|")
    else:
        print("| run | settings | clients | poll | others' CPU | responses/s sustained | consultations/s | POST p50 / p95 / p99 ms | record p50 / p95 s (poll) | record p95 s (storage clock) | server / Azurite cores | storage req./consultation | raw inserts/s | share of raw |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for path in args:
        r = json.load(open(path))
        s, t, l, res, st = r["settings"], r["throughput"], r["latencyMs"], r["resources"], r["storage"]
        name = os.path.basename(path).removesuffix(".json")
        label = (r.get("label") or "")
        for prefix in ("build 985b61e: ", "A/B (poll 1 s): ", "final: "):
            label = label.replace(prefix, "")
        others = res["otherProcessesCpuSecondsDuringLoad"] / res["loadSeconds"]
        incomplete = len(r.get("incompleteConsultations", []))
        post, obs, clk = l["responsePost"], l["lastResponseToRecordObserved"], l["lastResponseToRecordStorageClock"]
        if compact:
            victim = f" ({incomplete} never published)" if incomplete else ""
            az = "n/a" if incomplete else f"{1000 * res['azurite']['cpuSecondsDuringLoad'] / max(1, t['consultationsCompleted']):.0f}"
            cores = "n/a" if incomplete else f"{res['server']['cpuCoresDuringLoad']:.2f} / {res['azurite']['cpuCoresDuringLoad']:.2f}"
            print(f"| {name} | {label}{victim} | {others:.2f} | {t['responsesPerSecondSustained']:.1f} | {post['p50']:.0f} / {post['p95']:.0f} / {post['p99']:.0f} | "
                  f"{clk['p50'] / 1000:.2f} / {clk['p95'] / 1000:.2f} | {cores} | {az} | {st['perConsultation']['total']:.0f} |")
            continue
        done = f"{t['consultationsPerSecond']:.2f}" + (f" ({incomplete} of {s['consultations']} not published)" if incomplete else "")
        print(f"| {name} | {label} | {s['clients']} | {s['pollIntervalMs']} ms | {others:.2f} cores | {t['responsesPerSecondSustained']:.1f} | {done} | "
              f"{post['p50']:.0f} / {post['p95']:.0f} / {post['p99']:.0f} | {obs['p50'] / 1000:.2f} / {obs['p95'] / 1000:.2f} | {clk['p95'] / 1000:.2f} | "
              f"{res['server']['cpuCoresDuringLoad']:.2f} / {res['azurite']['cpuCoresDuringLoad']:.2f} | {st['perConsultation']['total']:.0f} | "
              f"{r['rawTableWrites']['writesPerSecond']:.0f} | {r['storageUtilisation']['fractionOfRawTableWriteRate']:.0%} |")

if __name__ == "__main__":
    main()
