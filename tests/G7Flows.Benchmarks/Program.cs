using G7Flows.Benchmarks;

var (options, message) = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(message);
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

return await BenchmarkRun.RunAsync(options);
