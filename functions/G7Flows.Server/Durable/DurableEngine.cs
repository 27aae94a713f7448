using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using G7Flows.Server.Diagnostics;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Durable;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace G7Flows.Server.Durable;

/// <summary>
/// Tuning of the durable engine. Written once, in <c>host.json</c>'s <c>extensions.durableTask</c> section, which the
/// functions app's Durable extension reads and the server reads too (<see cref="Load"/>); section
/// <c>G7Flows:Durable</c> overrides single values for one server (tests, benchmarks).
/// </summary>
public sealed class DurableEngineOptions
{
    /// <summary>The server's own task hub unless <c>G7Flows__TaskHub</c> says otherwise: the functions app's is <c>G7Flows</c>, so the two never share one by accident.</summary>
    public const string DefaultTaskHub = "G7FlowsServer";

    public string TaskHub { get; set; } = DefaultTaskHub;

    public int PartitionCount { get; set; } = 4;

    public int MaxConcurrentOrchestrations { get; set; } = 100;

    public int MaxConcurrentActivities { get; set; } = 20;

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a dequeued activity message stays invisible. The activity dispatcher renews the lock of a running
    /// activity, so this bounds only how long a crashed worker's activity waits before another worker runs it again.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dequeued control-queue message (an event, a timer, an activity result) stays invisible. After a
    /// SIGKILL, the messages the dead worker had dequeued come back only after this; with the engine's default of
    /// 5 minutes a restart waited ~5 minutes for them (docs/performance.md, Recovery).
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a worker's lease on a control-queue partition lasts without renewal: a dead worker's partitions move
    /// after this (the engine's default is 30 s).
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often a worker renews its partition leases (well inside <see cref="LeaseInterval"/>). Lease traffic is
    /// storage requests even when idle: 5 s here cost ~1.3 requests per answer in the one-at-a-time benchmark.
    /// </summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often a worker looks for partitions to take (expired or unbalanced).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The app lease lets only one app name (of several deployed side by side) run a task hub. One app runs here, so it
    /// is off: it would only add blob lease renewals.
    /// </summary>
    public bool UseAppLease { get; set; }

    /// <summary>
    /// This worker's name in the partition leases. Two processes on one machine must differ (the engine's default,
    /// the machine name, would make them one worker to the balancer), so the process id is added by default.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// The table-based partition manager (true) keeps partition ownership in one table; blob leases (false) are the
    /// older way. The table manager made no blob requests and fewer requests in all in the benchmark (blob leases cost
    /// ~0.6 storage requests per answer one at a time), and a killed worker's partitions moved as quickly.
    /// </summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>
    /// Keeps orchestrations that are waiting for events in memory for a while, so that a new event does not reload
    /// their history. On by default: the benchmark measured more responses per second and fewer storage requests
    /// with it (docs/performance.md).
    /// </summary>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>
    /// The server's options: <c>host.json</c>'s <c>extensions.durableTask</c> (beside the server's assembly unless
    /// <paramref name="hostJsonPath"/> says otherwise), then the task hub setting, then <c>G7Flows:Durable</c>.
    /// </summary>
    public static DurableEngineOptions Load(IConfiguration configuration, string? hostJsonPath = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string path = hostJsonPath ?? Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The engine's tuning is read from host.json, which is not at {path}.");
        }

        IConfigurationSection durableTask = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build()
            .GetSection("extensions:durableTask");
        IConfigurationSection storage = durableTask.GetSection("storageProvider");
        var options = new DurableEngineOptions
        {
            TaskHub = configuration[AppSettingNames.TaskHub.Replace("__", ":", StringComparison.Ordinal)] is { Length: > 0 } hub ? hub : DefaultTaskHub,
            PartitionCount = Required<int>(storage, "partitionCount"),
            MaxConcurrentOrchestrations = Required<int>(durableTask, "maxConcurrentOrchestratorFunctions"),
            MaxConcurrentActivities = Required<int>(durableTask, "maxConcurrentActivityFunctions"),
            MaxQueuePollingInterval = Required<TimeSpan>(storage, "maxQueuePollingInterval"),
            WorkItemQueueVisibilityTimeout = Required<TimeSpan>(storage, "workItemQueueVisibilityTimeout"),
            ControlQueueVisibilityTimeout = Required<TimeSpan>(storage, "controlQueueVisibilityTimeout"),
            UseTablePartitionManagement = Required<bool>(storage, "useTablePartitionManagement"),
            ExtendedSessions = Required<bool>(durableTask, "extendedSessionsEnabled"),
        };
        configuration.GetSection("G7Flows:Durable").Bind(options);
        return options;
    }

    private static T Required<T>(IConfigurationSection section, string key) =>
        section.GetSection(key).Value is not null
            ? section.GetValue<T>(key)!
            : throw new InvalidOperationException($"host.json has no {section.Path.Replace(':', '.')}.{key}; the server reads its engine tuning there.");

    /// <summary>Builds the Azure Storage backend from the shared storage connection.</summary>
    /// <param name="configuration">Where the storage connection is read.</param>
    /// <param name="loggerFactory">The engine's logging.</param>
    /// <param name="counter">When given, every storage request of the engine is counted.</param>
    public AzureStorageOrchestrationService CreateService(IConfiguration configuration, ILoggerFactory loggerFactory, StorageRequestCounter? counter = null)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = this.TaskHub,
            StorageAccountClientProvider = CreateClientProvider(configuration, counter),
            PartitionCount = this.PartitionCount,
            MaxConcurrentTaskOrchestrationWorkItems = this.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = this.MaxConcurrentActivities,
            MaxQueuePollingInterval = this.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = this.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = this.ControlQueueVisibilityTimeout,
            LoggerFactory = loggerFactory,
            UseTablePartitionManagement = this.UseTablePartitionManagement,
            ExtendedSessionsEnabled = this.ExtendedSessions,
            LeaseInterval = this.LeaseInterval,
            LeaseRenewInterval = this.LeaseRenewInterval,
            LeaseAcquireInterval = this.LeaseAcquireInterval,
            UseAppLease = this.UseAppLease,
            WorkerId = this.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
        };
        return new AzureStorageOrchestrationService(settings);
    }

    private static StorageAccountClientProvider CreateClientProvider(IConfiguration configuration, StorageRequestCounter? counter)
    {
        string? connectionString = configuration[AppSettingNames.Storage];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            if (counter is null)
            {
                return new StorageAccountClientProvider(connectionString);
            }

            var blobs = new BlobClientOptions();
            blobs.AddPolicy(counter.PolicyFor("engine", "blob"), HttpPipelinePosition.PerCall);
            var queues = new QueueClientOptions();
            queues.AddPolicy(counter.PolicyFor("engine", "queue"), HttpPipelinePosition.PerCall);
            var tables = new TableClientOptions();
            tables.AddPolicy(counter.PolicyFor("engine", "table"), HttpPipelinePosition.PerCall);
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, blobs),
                StorageServiceClientProvider.ForQueue(connectionString, queues),
                StorageServiceClientProvider.ForTable(connectionString, tables));
        }

        IConfigurationSection section = configuration.GetSection(AppSettingNames.Storage);
        string clientId = section["clientId"] ?? string.Empty;
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId.Length > 0 ? clientId : null });
        return new StorageAccountClientProvider(
            new Uri(section["blobServiceUri"] ?? throw new InvalidOperationException("AzureWebJobsStorage__blobServiceUri is not set.")),
            new Uri(section["queueServiceUri"] ?? throw new InvalidOperationException("AzureWebJobsStorage__queueServiceUri is not set.")),
            new Uri(section["tableServiceUri"] ?? throw new InvalidOperationException("AzureWebJobsStorage__tableServiceUri is not set.")),
            credential);
    }
}

/// <summary>The orchestrators and activities an engine runs: the core's <see cref="WorkflowRegistry"/> in the server.</summary>
public sealed record WorkflowTypes(IReadOnlyList<Type> Orchestrators, IReadOnlyList<Type> Activities)
{
    public static WorkflowTypes Core { get; } = new(WorkflowModules.Orchestrators, WorkflowModules.Activities);
}

/// <summary>
/// Runs the core's orchestrators and activities on <see cref="TaskHubWorker"/>, the Durable Task Framework's
/// production dispatcher (lock renewal, duplicate-message reconciliation, durable timers), over the Azure
/// Storage backend that Durable Functions uses.
/// </summary>
internal sealed partial class DurableEngine(
    AzureStorageOrchestrationService service,
    IServiceProvider services,
    WorkflowTypes types,
    ILoggerFactory loggerFactory,
    ILogger<DurableEngine> logger) : IHostedService, IAsyncDisposable
{
    private TaskHubWorker? worker;

    /// <summary>The orchestrations the worker dispatches to, once <see cref="CreateWorker"/> has run.</summary>
    internal Registrations<TaskOrchestration> Orchestrations { get; } = new();

    /// <summary>The activities the worker dispatches to, once <see cref="CreateWorker"/> has run.</summary>
    internal Registrations<DurableTask.Core.TaskActivity> Activities { get; } = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        this.worker = this.CreateWorker();
        await this.worker.StartAsync();
        LogStarted(logger, types.Orchestrators.Count, types.Activities.Count);
    }

    /// <summary>The worker with every orchestrator and activity registered (no storage is touched until it starts).</summary>
    internal TaskHubWorker CreateWorker()
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        // The worker sees the engine through an observer that tells the API which instances have started and ended (when the
        // host registered the set; tests that build an engine by hand may not have).
        IOrchestrationService engine = services.GetService<OrchestrationSightings>() is { } sightings ? new EpisodeCommitObserver(service, sightings) : service;
        var created = new TaskHubWorker(engine, this.Orchestrations, this.Activities, loggerFactory);
        foreach (Type orchestrator in types.Orchestrators)
        {
            created.AddTaskOrchestrations(new OrchestratorCreator(orchestrator, shims));
        }

        foreach (Type activity in types.Activities)
        {
            created.AddTaskActivities(new ActivityCreator(activity, services, shims, loggerFactory));
        }

        return created;
    }

    /// <summary>
    /// Stops the dispatchers, waiting at most until the host's shutdown timeout: when storage is already gone (Ctrl-C in a
    /// terminal stops Azurite at the same moment) the engine's partition manager would otherwise retry for ever. Work the
    /// engine had not finished is taken up again after the restart (its messages become visible again).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (this.worker is not null)
        {
            try
            {
                await this.worker.StopAsync(isForced: cancellationToken.IsCancellationRequested).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogStopTimedOut(logger);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (this.worker is not null)
        {
            try
            {
                await this.worker.StopAsync(isForced: true).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                LogStopTimedOut(logger);
            }

            this.worker.Dispose();
            this.worker = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable engine did not stop in time (storage not answering?); its unfinished work runs again after the restart")]
    private static partial void LogStopTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine started: {Orchestrators} orchestrator(s), {Activities} activities")]
    private static partial void LogStarted(ILogger logger, int orchestrators, int activities);
}
