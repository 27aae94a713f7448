using System.Globalization;
using System.Text;

namespace G7Flows.Benchmarks;

/// <summary>The figures of a run as readable text.</summary>
internal static class Summary
{
    public static string Render(BenchmarkResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = new StringBuilder();
        void Line(string text) => s.AppendLine(text);
        string L(LatencySummary l) => string.Create(CultureInfo.InvariantCulture, $"p50 {l.P50,7:F1}  p95 {l.P95,7:F1}  p99 {l.P99,7:F1}  max {l.Max,7:F1}  (n={l.Count})");

        Line($"G7Flows benchmark{(r.Label is null ? string.Empty : " - " + r.Label)}  {r.StartedAt:u}");
        Line($"  machine   {r.Machine.ProcessorCount} cores {r.Machine.CpuModel}, {r.Machine.MemoryMiB} MiB, {r.Machine.Os}, {r.Machine.DotNet}, node {r.Machine.Node}, azurite {r.Machine.Azurite}");
        Line($"  run       {r.Settings.Consultations} consultations x {r.Settings.NationsPerConsultation} responses, {r.Settings.Clients} clients, warm-up {r.Settings.Warmup}, poll every {r.Settings.PollIntervalMs} ms; load average {r.LoadAverageBefore} -> {r.LoadAverageAfter}");
        Line(string.Create(CultureInfo.InvariantCulture, $"  throughput {r.Throughput.ConsultationsPerSecond:F2} consultations/s ({r.Throughput.ConsultationsCompleted} in {r.Throughput.LoadSeconds:F1} s; storage clock {r.Throughput.ConsultationsPerSecondStorageClock:F2}/s)"));
        Line(string.Create(CultureInfo.InvariantCulture, $"            {r.Throughput.ResponsesPerSecondSustained:F1} responses/s sustained (overall {r.Throughput.ResponsesPerSecondOverall:F1}/s, {r.Throughput.ResponsesAccepted} accepted)"));
        Line("  latency (ms)");
        Line($"    response POST            {L(r.LatencyMs.ResponsePost)}");
        Line($"    start POST               {L(r.LatencyMs.StartPost)}");
        Line($"    last 202 -> record seen  {L(r.LatencyMs.LastResponseToRecordObserved)}");
        Line($"      lower bound (polling)  {L(r.LatencyMs.LastResponseToRecordLowerBound)}");
        Line($"      storage clock          {L(r.LatencyMs.LastResponseToRecordStorageClock)}");
        Line($"    storage round trip       {L(r.LatencyMs.StorageRoundTripDuringLoad)}");
        Line($"    queue send               {L(r.LatencyMs.QueueSendDuringLoad)}");
        Line(string.Create(CultureInfo.InvariantCulture, $"  polling   {r.Polling.Gets} GETs ({r.Polling.GetsPerSecond:F1}/s), {r.Polling.StorageRequestsPerGet:F2} storage requests each, excluded below"));
        Line(string.Create(CultureInfo.InvariantCulture, $"  cpu       server {r.Resources.Server.CpuSecondsDuringLoad:F1} s ({r.Resources.Server.CpuCoresDuringLoad:F2} cores), azurite {r.Resources.Azurite.CpuSecondsDuringLoad:F1} s ({r.Resources.Azurite.CpuCoresDuringLoad:F2} cores), benchmark {r.Resources.Benchmark.CpuSecondsDuringLoad:F1} s, others {r.Resources.OtherProcessesCpuSecondsDuringLoad:F1} s"));
        Line(string.Create(CultureInfo.InvariantCulture, $"  memory    peak server {r.Resources.Server.PeakMemoryMiB:F0} MiB, azurite {r.Resources.Azurite.PeakMemoryMiB:F0} MiB"));
        Line(string.Create(CultureInfo.InvariantCulture, $"  storage   {r.Storage.PerConsultation["total"]:F1} requests/consultation (app {r.Storage.PerConsultation["app"]:F1}, engine {r.Storage.PerConsultation["engine"]:F1}: {string.Join(", ", r.Storage.PerConsultation.Where(k => k.Key.Contains('.', StringComparison.Ordinal)).Select(k => $"{k.Key} {k.Value:F1}"))}); {r.Storage.PerResponse:F2}/response; {r.Storage.RequestsPerSecondDuringLoad:F0} requests/s during load"));
        Line(string.Create(CultureInfo.InvariantCulture, $"            idle engine polling {r.Storage.IdleRequestsPerSecond.Values.Sum():F1} requests/s; per consultation less idle polling {r.Storage.PerConsultationLessIdlePolling:F1}"));
        Line(string.Create(CultureInfo.InvariantCulture, $"            empty dequeues {r.Storage.EmptyPolls}; without them {r.Storage.PerAnswerPollingExcluded:F2}/response"));
        Line(string.Create(CultureInfo.InvariantCulture, $"  raw table {r.RawTableWrites.WritesPerSecond:F0} inserts/s ({r.RawTableWrites.Writers} writers, p50 {r.RawTableWrites.LatencyMs.P50:F1} ms, azurite {r.RawTableWrites.AzuriteCpuPerSecond:F2} cores)"));
        Line(string.Create(CultureInfo.InvariantCulture, $"            responses/s x requests/response = {r.StorageUtilisation.ImpliedRequestsPerSecond:F0}/s = {r.StorageUtilisation.FractionOfRawTableWriteRate:P0} of the raw insert rate"));
        Line($"  machine load before the run (uptime): {r.UptimeBefore}; server instances: {r.Instances}");
        if (r.OneAtATime is { } one)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"  one at a time {one.Completed} of {one.Consultations} consultations in {one.Seconds:F1} s: {one.PerAnswerPollingExcluded:F2} storage requests/answer without empty dequeues ({one.EmptyPolls} of them); {one.PerAnswer:F2} with them, {one.PerAnswerLessIdlePolling:F2} less the idle rate"));
            Line($"    response POST            {L(one.ResponsePostMs)}");
            Line($"    last 202 -> record seen  {L(one.LastResponseToRecordMs)}");
        }

        if (r.OpenLoop.Count > 0)
        {
            Line("  open loop (latency from the moment each answer was due; ms)");
            foreach (OpenLoopStep o in r.OpenLoop)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"    offered {o.OfferedPerSecond,6:F1}/s taken {o.AcceptedPerSecond,6:F1}/s failed {o.AnswersFailed,4}  POST p50 {o.ResponsePostMs.P50,7:F1} p95 {o.ResponsePostMs.P95,7:F1} p99 {o.ResponsePostMs.P99,7:F1}  record p95 {o.LastResponseToRecordMs.P95,7:F0}  drain {o.DrainSeconds:F1} s"));
            }
        }

        Line("  targets");
        foreach (TargetCheck t in r.Targets)
        {
            Line($"    [{(t.Met ? "met " : "MISS")}] {t.Target}: {t.Measured}");
        }

        if (r.Errors.Count > 0)
        {
            Line($"  errors    {string.Join(", ", r.Errors.Select(e => $"{e.Key} x{e.Value}"))}");
        }

        if (r.EngineProfile is { } profile)
        {
            Line("  engine profile (from the server's logs; ms)");
            foreach (var (what, l) in profile.QueueDelayMsByMessage.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                Line($"    queue wait {what,-40} {L(l)}");
            }

            Line($"    history fetch                                  {L(profile.HistoryFetchMs)}");
            Line($"    history append                                 {L(profile.HistoryAppendMs)}");
            foreach (var (what, l) in profile.ServerRequestMs.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                Line($"    server time {what,-39} {L(l)}");
            }
        }

        foreach (LogWarning w in r.ServerWarnings.Where(w => w.Level != "info").Take(6))
        {
            Line($"  server {w.Level} x{w.Count} {w.Category}: {(w.Examples.Count > 0 ? w.Examples[0] : string.Empty)}");
        }

        if (r.IncompleteConsultations.Count > 0)
        {
            Line($"  incomplete {r.IncompleteConsultations.Count}: {string.Join("; ", r.IncompleteConsultations.Take(5))}");
        }

        return s.ToString();
    }
}
