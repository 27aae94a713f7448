using System.Globalization;

namespace G7Flows.Benchmarks;

/// <summary>The command line of the benchmark.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage =
        """
        G7Flows benchmark: starts its own Azurite and a Release server process, drives consultations of seven nations
        (unanimity, all approve) through the HTTP API and writes the figures as JSON.

        dotnet run -c Release --project tests/G7Flows.Benchmarks -- [options]

          --consultations N        consultations measured (default 200)
          --clients C              concurrent clients; each starts a consultation, posts its seven responses, then takes
                                   the next one (default 20)
          --warmup W               consultations run first and left out of the figures (default 10)
          --poll-interval MS       interval between polls of GET /api/consultations/{id} for the record (default 100)
          --table-seconds S        length of the raw table-write probe (default 8)
          --table-writers W        concurrent writers in the probe (default: the number of clients)
          --server-setting K=V     an extra environment variable for the server process, e.g.
                                   G7Flows__Durable__PartitionCount=1 (repeatable)
          --sequential N           then N consultations with answers one at a time (each after the previous 202 and the
                                   gap, the record awaited before the next consultation), counted separately
                                   (default 20; 0 skips)
          --answer-gap MS          the pause before each answer in the one-at-a-time phase (default 100)
          --rate R1,R2,...         then an open loop at each offered rate (answers per second, arriving at fixed times
                                   whatever the replies), reporting POST p50/p95/p99 per rate
          --rate-seconds S         how long each offered rate runs (default 15)
          --instances N            server processes on the same Azurite and task hub; consultations are spread over
                                   them (default 1)
          --max-requests-per-answer X
                                   the storage gate: the run fails when the load or the one-at-a-time phase needs more
                                   storage requests per answer than this, idle engine polling subtracted (default 8)
          --label TEXT             a name for this run, kept in the JSON
          --out PATH               where the JSON goes (default docs/benchmarks/results.json under the repository)
          --server-log PATH        keep the server's console output there
          --azurite-in-memory      run Azurite with --inMemoryPersistence (no disk extents): shows what the server takes
                                   when the emulator's own disk work is out of the way; not comparable with disk runs
          --engine-log             have the server log the durable engine's message delays, history reads/writes and
                                   request times, and add a profile from them to the JSON (costs server CPU: not for
                                   headline figures)
          --help                   this text
        """;

    public int Consultations { get; private set; } = 200;

    /// <summary>Azurite keeps everything in memory (<c>--inMemoryPersistence</c>).</summary>
    public bool AzuriteInMemory { get; private set; }

    public int Clients { get; private set; } = 20;

    public int Warmup { get; private set; } = 10;

    public int PollIntervalMs { get; private set; } = 100;

    public int TableSeconds { get; private set; } = 8;

    public int? TableWriters { get; private set; }

    public int Sequential { get; private set; } = 20;

    public int AnswerGapMs { get; private set; } = 100;

    public IReadOnlyList<double> Rates { get; private set; } = [];

    public int RateSeconds { get; private set; } = 15;

    public int Instances { get; private set; } = 1;

    public double MaxRequestsPerAnswer { get; private set; } = 8;

    public Dictionary<string, string> ServerSettings { get; } = new(StringComparer.Ordinal);

    public string? Label { get; private set; }

    public string? Out { get; private set; }

    public string? ServerLog { get; private set; }

    public bool EngineLog { get; private set; }

    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>Parses the arguments; null with a message when they are wrong or help was asked for.</summary>
    public static (BenchmarkOptions? Options, string? Message) Parse(string[] args)
    {
        try
        {
            return ParseOrThrow(args);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    private static (BenchmarkOptions? Options, string? Message) ParseOrThrow(string[] args)
    {
        var options = new BenchmarkOptions { Arguments = args };
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "--help" or "-h")
            {
                return (null, Usage);
            }

            if (name == "--azurite-in-memory")
            {
                options.AzuriteInMemory = true;
                continue;
            }

            if (name == "--engine-log")
            {
                options.EngineLog = true;
                foreach (var (settingKey, settingValue) in EngineProfile.ServerSettings)
                {
                    options.ServerSettings.TryAdd(settingKey, settingValue);
                }

                continue;
            }

            if (i + 1 >= args.Length)
            {
                return (null, $"{name} needs a value.\n\n{Usage}");
            }

            string value = args[++i];
            switch (name)
            {
                case "--consultations":
                    options.Consultations = PositiveInt(name, value);
                    break;
                case "--clients":
                    options.Clients = PositiveInt(name, value);
                    break;
                case "--warmup":
                    options.Warmup = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--poll-interval":
                    options.PollIntervalMs = PositiveInt(name, value);
                    break;
                case "--table-seconds":
                    options.TableSeconds = PositiveInt(name, value);
                    break;
                case "--table-writers":
                    options.TableWriters = PositiveInt(name, value);
                    break;
                case "--server-setting":
                    int equals = value.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        return (null, $"--server-setting takes KEY=VALUE, not '{value}'.");
                    }

                    options.ServerSettings[value[..equals]] = value[(equals + 1)..];
                    break;
                case "--sequential":
                    options.Sequential = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--answer-gap":
                    options.AnswerGapMs = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--rate":
                    options.Rates = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(r => double.TryParse(r, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double rate) && rate > 0
                            ? rate
                            : throw new FormatException($"--rate takes positive numbers separated by commas, not '{value}'."))];
                    break;
                case "--rate-seconds":
                    options.RateSeconds = PositiveInt(name, value);
                    break;
                case "--instances":
                    options.Instances = PositiveInt(name, value);
                    break;
                case "--max-requests-per-answer":
                    options.MaxRequestsPerAnswer = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double max) && max > 0
                        ? max
                        : throw new FormatException($"--max-requests-per-answer takes a positive number, not '{value}'.");
                    break;
                case "--label":
                    options.Label = value;
                    break;
                case "--out":
                    options.Out = value;
                    break;
                case "--server-log":
                    options.ServerLog = value;
                    break;
                default:
                    return (null, $"Unknown option {name}.\n\n{Usage}");
            }
        }

        return (options, null);
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new FormatException($"{name} takes a positive whole number, not '{value}'.");
}
