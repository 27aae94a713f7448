using System.Globalization;
using System.Text.RegularExpressions;

namespace G7Flows.Benchmarks;

/// <summary>
/// Where the time goes inside the server, from its own logs (switched on by <c>--engine-log</c>): how long each kind of
/// durable-engine message waited in its queue before it was fetched, how long history reads and writes took, and how long
/// the server spent on each API request (ASP.NET Core's "Request finished" line).
/// </summary>
internal sealed partial record EngineProfile(
    IReadOnlyDictionary<string, LatencySummary> QueueDelayMsByMessage,
    IReadOnlyDictionary<string, LatencySummary> ProcessingDelayMsByMessage,
    LatencySummary HistoryFetchMs,
    LatencySummary HistoryAppendMs,
    IReadOnlyDictionary<string, LatencySummary> ServerRequestMs)
{
    /// <summary>The server settings that make it write the lines this profile reads.</summary>
    public static IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Logging__LogLevel__DurableTask.AzureStorage"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>Reads the profile from the lines written after <paramref name="from"/> (the start of the measured load, local time of day).</summary>
    public static EngineProfile Read(string path, TimeSpan from)
    {
        var queue = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var processing = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var fetch = new List<double>();
        var append = new List<double>();
        var requests = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            Match time = Timestamp().Match(line);
            if (!time.Success || TimeSpan.ParseExact(time.Groups[1].Value, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture) < from)
            {
                continue;
            }

            if (Fetched().Match(line) is { Success: true } f)
            {
                string kind = f.Groups[2].Value.Contains("-workitems", StringComparison.Ordinal) ? "work-item queue" : "control queue";
                Add(queue, $"{f.Groups[1].Value} ({kind})", f.Groups[3].Value);
            }
            else if (Processing().Match(line) is { Success: true } p)
            {
                Add(processing, p.Groups[1].Value, p.Groups[2].Value);
            }
            else if (HistoryFetched().Match(line) is { Success: true } h)
            {
                fetch.Add(double.Parse(h.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            else if (HistoryAppended().Match(line) is { Success: true } a)
            {
                append.Add(double.Parse(a.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            else if (RequestFinished().Match(line) is { Success: true } r)
            {
                string route = r.Groups[2].Value.Contains("/responses/", StringComparison.Ordinal) ? "respond"
                    : r.Groups[1].Value == "POST" ? "start"
                    : "get";
                Add(requests, $"{r.Groups[1].Value} {route} {r.Groups[3].Value}", r.Groups[4].Value);
            }
        }

        return new EngineProfile(
            queue.ToDictionary(k => k.Key, k => LatencySummary.Of(k.Value), StringComparer.Ordinal),
            processing.ToDictionary(k => k.Key, k => LatencySummary.Of(k.Value), StringComparer.Ordinal),
            LatencySummary.Of(fetch),
            LatencySummary.Of(append),
            requests.ToDictionary(k => k.Key, k => LatencySummary.Of(k.Value), StringComparer.Ordinal));
    }

    private static void Add(Dictionary<string, List<double>> into, string key, string value)
    {
        if (!into.TryGetValue(key, out List<double>? list))
        {
            into[key] = list = [];
        }

        list.Add(double.Parse(value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d\.\d\d\d) ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"Fetched \[(\w+)[^\]]*\] message from (\S+) \(delay = (\d+)ms\)")]
    private static partial Regex Fetched();

    [GeneratedRegex(@"Processing \[(\w+)[^\]]*\] \(total delay = (\d+)ms\)")]
    private static partial Regex Processing();

    [GeneratedRegex(@"Fetched \d+ history events from the history table in (\d+)ms")]
    private static partial Regex HistoryFetched();

    [GeneratedRegex(@"Appended \d+ new events to the history table in (\d+)ms")]
    private static partial Regex HistoryAppended();

    [GeneratedRegex(@"Request finished HTTP/\S+ (GET|POST) (\S+) - (\d{3}) .* ([\d.]+)ms\s*$")]
    private static partial Regex RequestFinished();
}
