namespace G7Flows.Benchmarks;

/// <summary>Everything one run measured; written as JSON.</summary>
internal sealed record BenchmarkResults(
    string? Label,
    string Command,
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    RunSettings Settings,
    string LoadAverageBefore,
    string LoadAverageAfter,
    ThroughputFigures Throughput,
    LatencyFigures LatencyMs,
    PollingFigures Polling,
    ResourceFigures Resources,
    StorageFigures Storage,
    TableWriteResult RawTableWrites,
    StorageUtilisation StorageUtilisation,
    IReadOnlyList<TargetCheck> Targets,
    PublishedComparison Comparison,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyList<LogWarning> ServerWarnings,
    EngineProfile? EngineProfile,
    string UptimeBefore,
    int Instances,
    StorageGate StorageGate,
    SequentialFigures? OneAtATime,
    IReadOnlyList<OpenLoopStep> OpenLoop,
    IReadOnlyList<string> IncompleteConsultations,
    IReadOnlyList<TimelinePoint> Timeline);

/// <summary>The storage gate: requests per answer under load and one at a time, polling excluded (the benchmark's GETs and the engine's dequeues that found nothing).</summary>
internal sealed record StorageGate(double MaxPerAnswer, double LoadPerAnswer, double? OneAtATimePerAnswer, string Measured, bool Met);

/// <summary>The one-at-a-time phase: consultations answered one answer after another, nothing overlapping.</summary>
/// <param name="RequestsByKey">Storage requests counted by the server(s) during the phase, by key.</param>
/// <param name="PollingRequests">Requests of the benchmark's own polls for the record (subtracted).</param>
/// <param name="IdleRequests">The idle engine polling rate times the phase's length (subtracted for the per-answer figure).</param>
/// <param name="PerAnswer">Requests per answer with only the polls subtracted.</param>
/// <param name="PerAnswerLessIdlePolling">Requests per answer with the polls and the idle engine rate subtracted (the method).</param>
/// <param name="EmptyPolls">The engine's dequeues that found nothing during the phase (counted exactly by the server).</param>
/// <param name="PerAnswerPollingExcluded">Requests per answer without the benchmark's polls and the empty dequeues: the gated figure.</param>
internal sealed record SequentialFigures(
    int Consultations,
    int Completed,
    int Incomplete,
    double Seconds,
    IReadOnlyDictionary<string, long> RequestsByKey,
    long PollingRequests,
    double IdleRequests,
    double PerAnswer,
    double PerAnswerLessIdlePolling,
    double PerConsultationLessIdlePolling,
    long EmptyPolls,
    double PerAnswerPollingExcluded,
    LatencySummary ResponsePostMs,
    LatencySummary LastResponseToRecordMs);

internal sealed record MachineInfo(
    int ProcessorCount,
    string CpuModel,
    long MemoryMiB,
    string Os,
    string DotNet,
    string Node,
    string Azurite,
    string? GitCommit,
    string BuildConfiguration,
    string ServerBuild);

internal sealed record RunSettings(
    int Consultations,
    int Clients,
    int Warmup,
    int NationsPerConsultation,
    string Rule,
    string ResponseWindow,
    int PollIntervalMs,
    string Model,
    IReadOnlyDictionary<string, string> ServerEnvironment);

/// <param name="ConsultationsPerSecond">Completed consultations over the time from the first start sent to the last record seen by a poll.</param>
/// <param name="ConsultationsPerSecondStorageClock">The same, ending at the last record's storage timestamp instead of its observation.</param>
/// <param name="ResponsesPerSecondOverall">Accepted responses over the time from the first start sent to the last 202.</param>
/// <param name="ResponsesPerSecondSustained">Accepted responses per second between the 10th and the 90th percentile of their 202 times.</param>
internal sealed record ThroughputFigures(
    int ConsultationsCompleted,
    double LoadSeconds,
    double ConsultationsPerSecond,
    double ConsultationsPerSecondStorageClock,
    int ResponsesAccepted,
    double ResponsesPerSecondOverall,
    double ResponsesPerSecondSustained,
    double StartsPerSecond);

/// <param name="LastResponseToRecordObserved">From the last response's 202 to the poll that first showed the record (an upper bound).</param>
/// <param name="LastResponseToRecordLowerBound">From the last response's 202 to the sending of the last poll that did not show it yet.</param>
/// <param name="LastResponseToRecordStorageClock">From the last response's 202 to the storage timestamp of the row update that set the record (no polling error; same machine clock).</param>
/// <param name="StorageRoundTripDuringLoad">A table point read from the benchmark to Azurite every 200 ms during the load.</param>
/// <param name="QueueSendDuringLoad">A small queue message sent from the benchmark to Azurite every 200 ms during the load.</param>
internal sealed record LatencyFigures(
    LatencySummary ResponsePost,
    LatencySummary StartPost,
    LatencySummary LastResponseToRecordObserved,
    LatencySummary LastResponseToRecordLowerBound,
    LatencySummary LastResponseToRecordStorageClock,
    LatencySummary StorageRoundTripDuringLoad,
    LatencySummary QueueSendDuringLoad);

internal sealed record PollingFigures(int IntervalMs, long Gets, double GetsPerSecond, double StorageRequestsPerGet);

internal sealed record ProcessFigures(int Pid, double CpuSecondsDuringLoad, double CpuCoresDuringLoad, double CpuSecondsTotal, double PeakMemoryMiB);

/// <param name="OtherProcessesCpuSecondsDuringLoad">Machine CPU time during the load not used by the server, Azurite or the benchmark: other people's work.</param>
internal sealed record ResourceFigures(
    ProcessFigures Server,
    ProcessFigures Azurite,
    ProcessFigures Benchmark,
    double OtherProcessesCpuSecondsDuringLoad,
    double LoadSeconds);

/// <param name="RequestsDuringLoad">Storage requests counted by the server during the load phase, by key.</param>
/// <param name="PollingRequests">Requests attributed to the benchmark's polling GETs (subtracted below).</param>
/// <param name="IdleRequestsPerSecond">Requests per second with the server idle (the engine polling its queues), by key.</param>
/// <param name="PerConsultation">Workflow requests (polling excluded) per completed consultation, by key, and in total.</param>
/// <param name="PerConsultationLessIdlePolling">Total per consultation less the idle rate times the load duration: a lower estimate, as busy queues are polled without back-off.</param>
/// <param name="PerResponse">Workflow requests per accepted response (all of a consultation's requests spread over its seven responses).</param>
/// <param name="EmptyPolls">The engine's dequeues that found nothing during the load (counted exactly by the server; part of the totals above).</param>
/// <param name="PerAnswerPollingExcluded">Requests per answer without the benchmark's polls and the empty dequeues: the gated figure.</param>
internal sealed record StorageFigures(
    IReadOnlyDictionary<string, long> RequestsDuringLoad,
    long PollingRequests,
    IReadOnlyDictionary<string, double> IdleRequestsPerSecond,
    IReadOnlyDictionary<string, double> PerConsultation,
    double PerConsultationLessIdlePolling,
    double PerResponse,
    double RequestsPerSecondDuringLoad,
    IReadOnlyDictionary<string, long> ServerTotalsAtShutdown,
    long EmptyPolls,
    double PerAnswerPollingExcluded);

/// <param name="ImpliedRequestsPerSecond">Sustained responses per second times storage requests per response.</param>
/// <param name="FractionOfRawTableWriteRate">That rate as a fraction of the raw table-insert rate measured against the same Azurite.</param>
internal sealed record StorageUtilisation(double ImpliedRequestsPerSecond, double FractionOfRawTableWriteRate, double MeasuredRequestsPerSecondFractionOfRaw);

internal sealed record TargetCheck(string Target, string Measured, bool Met);

internal sealed record PublishedComparison(string Source, string Basis, IReadOnlyDictionary<string, string> MaximumThroughputPerInstance);

internal sealed record TimelinePoint(
    double Second,
    int ResponsesAccepted,
    int RecordsSeen,
    double ServerCpuPercent,
    double AzuriteCpuPercent,
    double BenchmarkCpuPercent,
    double OtherCpuPercent,
    double ServerRssMiB,
    long StorageRequests);
