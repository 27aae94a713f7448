using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using G7Flows.Server.Hosting;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>
/// The G7Flows server as a real child process on a free loopback port, against a given storage connection and
/// task hub. It can be stopped gracefully or killed with SIGKILL and started again on the same port.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly string taskHub;
    private readonly Dictionary<string, string> extraSettings;
    private readonly StringBuilder output = new();
    private Process? process;

    private ServerProcess(string connectionString, string taskHub, int port, IReadOnlyDictionary<string, string>? extraSettings)
    {
        this.connectionString = connectionString;
        this.taskHub = taskHub;
        this.Port = port;
        this.extraSettings = new Dictionary<string, string>(extraSettings ?? new Dictionary<string, string>());
        this.Http = new HttpClient { BaseAddress = this.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{this.Port}");

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (this.output)
            {
                return this.output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string connectionString, string taskHub, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var server = new ServerProcess(connectionString, taskHub, AzuriteProcess.FreePort(), extraSettings);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (or starts again) the server process and waits until /api/health answers 200.</summary>
    public async Task StartAsync()
    {
        string directory = Path.Combine(Repository.Root, "functions", "G7Flows.Server", "bin", Repository.Configuration, "net10.0");
        string dll = Path.Combine(directory, "G7Flows.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The server is not built at {dll}; build the solution first.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = this.BaseAddress.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AzureWebJobsStorage"] = this.connectionString;
        start.Environment["G7Flows__TaskHub"] = this.taskHub;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__G7Flows"] = "Information";

        foreach (var (key, value) in Tokens.ServerSettings.Concat(this.extraSettings))
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => this.Append(e.Data);
        process.ErrorDataReceived += (_, e) => this.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        this.process = process;

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{this.Output}");
            }

            try
            {
                using HttpResponseMessage health = await this.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not become healthy in 90 s:\n{this.Output}");
    }

    /// <summary>Sets (or, with null, removes) a setting for the next <see cref="StartAsync()"/>.</summary>
    public void Configure(string key, string? value)
    {
        if (value is null)
        {
            this.extraSettings.Remove(key);
        }
        else
        {
            this.extraSettings[key] = value;
        }
    }

    /// <summary>Waits until the server process has ended by itself (a crash point); false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (this.process is not { } p)
        {
            return false;
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the server with SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (this.process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: false);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>Stops the server gracefully.</summary>
    public async Task StopAsync()
    {
        if (this.process is { HasExited: false } p)
        {
            _ = SignalTerm(p.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await p.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill();
            }
        }
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = body is string text
                ? new StringContent(text, Encoding.UTF8, "application/json")
                : System.Net.Http.Json.JsonContent.Create(body);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await this.StopAsync();
        this.process?.Dispose();
        this.Http.Dispose();
    }

    private void Append(string? line)
    {
        lock (this.output)
        {
            this.output.AppendLine(line);
        }
    }

    private static int SignalTerm(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
        return kill?.ExitCode ?? -1;
    }
}
