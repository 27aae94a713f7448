using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace G7Flows.Server.Hosting;

/// <summary>
/// The Azurite storage emulator as a child process: installed from the repository's pinned package.json and
/// lock file when missing, started on loopback, and stopped with SIGTERM so it flushes its data.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly StringBuilder output;

    private AzuriteProcess(Process process, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.output = output;
        this.BlobPort = blobPort;
        this.QueuePort = queuePort;
        this.TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public int ProcessId => this.process.Id;

    public bool HasExited => this.process.HasExited;

    public string ConnectionString => ConnectionStringFor(this.BlobPort, this.QueuePort, this.TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite on the given loopback ports with its data in <paramref name="dataDirectory"/>, and waits until all three services listen.</summary>
    /// <param name="inMemory">Keep everything in memory (Azurite's <c>--inMemoryPersistence</c>): nothing survives the process.</param>
    public static async Task<AzuriteProcess> StartAsync(
        string repositoryRoot, string dataDirectory, int blobPort, int queuePort, int tablePort, bool inMemory = false, CancellationToken cancellationToken = default)
    {
        string entry = await EnsureInstalledAsync(repositoryRoot, cancellationToken);
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repositoryRoot,
        };
        foreach (string arg in new[]
        {
            entry, "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        // Azurite refuses a data location together with in-memory persistence.
        string[] persistence = inMemory ? ["--inMemoryPersistence"] : ["--location", dataDirectory];
        foreach (string arg in persistence)
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start node to run Azurite. Is Node.js 20 or later on the PATH?");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, output, blobPort, queuePort, tablePort);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start on ports {blobPort}/{queuePort}/{tablePort}:\n{azurite.Output}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return azurite;
    }

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

    /// <summary>True when something accepts TCP connections on the loopback port.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A free loopback TCP port.</summary>
    public static int FreePort()
    {
        // The system may offer a port it has just released again; a port this process has handed out is never given twice,
        // so that the three ports of one Azurite (asked for one after another) always differ.
        while (true)
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (IssuedPorts.TryAdd(port, 0))
            {
                return port;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> IssuedPorts = new();

    /// <summary>Stops Azurite with SIGTERM so that it writes its data; kills it if it has not stopped in 15 seconds.</summary>
    public async Task StopAsync()
    {
        if (this.process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            this.process.Kill(entireProcessTree: true);
        }
        else
        {
            _ = SysKill(this.process.Id, 15);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await this.process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            this.process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await this.StopAsync();
        this.process.Dispose();
    }

    /// <summary>Finds the repository root: the folder with G7Flows.sln and package.json, above the given start folders.</summary>
    public static string? FindRepositoryRoot(params string[] starts)
    {
        foreach (string start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "G7Flows.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Installs the repository's Node.js development tools (Azurite and the OpenAPI linter, pinned in package.json and its
    /// lock file) with <c>npm ci</c>, once, under a file lock (several processes may ask at once), when one is missing.
    /// </summary>
    /// <param name="root">The repository's root, where package.json is.</param>
    /// <param name="cancellationToken">Cancels the installation.</param>
    /// <returns>Azurite's entry point.</returns>
    public static async Task<string> EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        string entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        string linter = Path.Combine(root, "node_modules", "@redocly", "cli", "bin", "cli.js");
        bool Installed() => File.Exists(entry) && File.Exists(linter);
        if (Installed())
        {
            return entry;
        }

        Directory.CreateDirectory(Path.Combine(root, ".azurite"));
        await using FileStream lockFile = await AcquireLockAsync(Path.Combine(root, ".azurite", "install.lock"), cancellationToken);
        if (Installed())
        {
            return entry;
        }

        var npm = new ProcessStartInfo("npm")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "ci", "--no-audit", "--no-fund", "--ignore-scripts" })
        {
            npm.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(npm) ?? throw new InvalidOperationException("Could not run npm. Install Node.js 20 or later.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !Installed())
        {
            throw new InvalidOperationException($"'npm ci' could not install Azurite and the OpenAPI linter (exit {process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return entry;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
