#!/usr/bin/env python3
"""Prints a Markdown table of the key figures of benchmark result files.

Usage: results-table.py RESULT.json [RESULT.json ...]
"""
import json, os, sys

def main():
    print("| run | settings | clients | poll | others' CPU | responses/s sustained | consultations/s | POST p50 / p95 / p99 ms | record p50 / p95 s (poll) | record p95 s (storage clock) | server / Azurite cores | storage req./consultation | raw inserts/s | share of raw |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for path in sys.argv[1:]:
        r = json.load(open(path))
        s, t, l, res, st = r["settings"], r["throughput"], r["latencyMs"], r["resources"], r["storage"]
        name = os.path.basename(path).removesuffix(".json")
        label = (r.get("label") or "").replace("build 985b61e: ", "")
        others = res["otherProcessesCpuSecondsDuringLoad"] / res["loadSeconds"]
        incomplete = len(r.get("incompleteConsultations", []))
        done = f"{t['consultationsPerSecond']:.2f}" + (f" ({incomplete} of {s['consultations']} not published)" if incomplete else "")
        post, obs, clk = l["responsePost"], l["lastResponseToRecordObserved"], l["lastResponseToRecordStorageClock"]
        print(f"| {name} | {label} | {s['clients']} | {s['pollIntervalMs']} ms | {others:.2f} cores | {t['responsesPerSecondSustained']:.1f} | {done} | "
              f"{post['p50']:.0f} / {post['p95']:.0f} / {post['p99']:.0f} | {obs['p50'] / 1000:.2f} / {obs['p95'] / 1000:.2f} | {clk['p95'] / 1000:.2f} | "
              f"{res['server']['cpuCoresDuringLoad']:.2f} / {res['azurite']['cpuCoresDuringLoad']:.2f} | {st['perConsultation']['total']:.0f} | "
              f"{r['rawTableWrites']['writesPerSecond']:.0f} | {r['storageUtilisation']['fractionOfRawTableWriteRate']:.0%} |")

if __name__ == "__main__":
    main()
