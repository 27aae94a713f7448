using Microsoft.DurableTask;

namespace G7Flows.Workflows.Platform.Durable;

/// <summary>
/// How every workflow calls its activities. The durable engine does not retry an activity that throws; this policy
/// does, with back-off, so that a storage blip or a restart of storage does not end a workflow. Every activity is
/// idempotent, so a retry after a partial success finishes the work.
/// </summary>
public static class RetryPolicies
{
    /// <summary>Six attempts over about a minute: 2, 4, 8, 16, 30 s between them.</summary>
    public static RetryPolicy Activity { get; } = new(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromSeconds(30));

    /// <summary>Task options carrying <see cref="Activity"/>.</summary>
    public static TaskOptions ActivityOptions { get; } = TaskOptions.FromRetryPolicy(Activity);
}
