using System.Diagnostics;
using System.Globalization;

namespace G7Flows.Benchmarks;

/// <summary>
/// The built G7Flows server as a separate process on a free loopback port, as in production: Production environment,
/// warnings-only logging, JWT bearer tokens from <see cref="Tokens"/>, and the storage request counters switched on.
/// Its console output goes to a log file.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly LogSink log;
    private bool disposed;

    private ServerHost(Process process, LogSink log, Uri baseAddress, IReadOnlyDictionary<string, string> environment)
    {
        this.process = process;
        this.log = log;
        this.BaseAddress = baseAddress;
        this.Environment = environment;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => this.process.Id;

    /// <summary>The environment the server was started with, beyond the inherited one (the signing key left out).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static async Task<ServerHost> StartAsync(
        string serverDll, string connectionString, string countersFile, string logFile, Tokens tokens, IReadOnlyDictionary<string, string> extraSettings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{G7Flows.Server.Hosting.AzuriteProcess.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureWebJobsStorage"] = connectionString,
            ["G7Flows__TaskHub"] = "bench",
            ["Logging__LogLevel__Default"] = "Warning",
            ["G7Flows__Diagnostics__StorageCountersFile"] = countersFile,
        };
        foreach (var (key, value) in tokens.ServerSettings.Concat(extraSettings))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var log = new LogSink(logFile);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the server process.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var visible = settings.Where(s => !s.Key.Contains("SigningKeys", StringComparison.Ordinal) && s.Key != "AzureWebJobsStorage")
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var host = new ServerHost(process, log, baseAddress, visible);

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}; see {logFile}.");
            }

            try
            {
                using HttpResponseMessage health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(200);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The server did not become healthy in 90 s; see {logFile}.");
    }

    /// <summary>Stops the server with SIGTERM (it writes its counters file at shutdown); kills it after 30 s.</summary>
    public async Task StopAsync()
    {
        if (this.process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", this.process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            kill?.WaitForExit();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await this.process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            this.process.Kill();
            await this.process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        await this.StopAsync();
        this.process.Dispose();
        this.log.Dispose();
    }

    /// <summary>The server's console lines, written to a file until the server is disposed.</summary>
    private sealed class LogSink(string path) : IDisposable
    {
        private readonly StreamWriter writer = new(path) { AutoFlush = true };
        private bool closed;

        public void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (this.writer)
            {
                if (!this.closed)
                {
                    this.writer.WriteLine(line);
                }
            }
        }

        public void Dispose()
        {
            lock (this.writer)
            {
                this.closed = true;
                this.writer.Dispose();
            }
        }
    }
}
