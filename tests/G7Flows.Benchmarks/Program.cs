using G7Flows.Benchmarks;

if (args.Length > 0 && args[0] == "reports")
{
    return await ReportBenchmark.RunAsync(args);
}

var (options, message) = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(message);
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

return await BenchmarkRun.RunAsync(options);
