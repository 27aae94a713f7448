using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Workflows.Platform.Testing;

/// <summary>Named points where a test can make the process die (SIGKILL), to hit a crash window every time.</summary>
public static class CrashPoints
{
    /// <summary>An answer is stored; its inbox task, audit entry and event are not.</summary>
    public const string AfterAnswerStored = "after-answer-stored";

    /// <summary>A deciding answer is stored and its 202 has gone; the event that wakes the orchestration is not sent.</summary>
    public const string AfterDecisiveAnswerAccepted = "after-decisive-answer-accepted";

    /// <summary>The consultation row says closed; the listing, inbox and audit trail do not yet.</summary>
    public const string AfterCloseBeforeSettle = "after-close-before-settle";

    /// <summary>The consultation is closed and settled; its record is not published.</summary>
    public const string BeforePublish = "before-publish";

    /// <summary>A consultation and its positions are stored; its tasks, audit entry and workflow are not.</summary>
    public const string AfterStartStored = "after-start-stored";

    /// <summary>
    /// The close has made the <paramref name="count"/>-th of its copy writes (1: the listing; then one inbox task per
    /// participant, in the order of the participants); the others and the audit entries are not made yet.
    /// </summary>
    public static string AfterSettleWrite(int count) => $"after-settle-write-{count}";
}

/// <summary>
/// Fault injection for tests, off unless configured, and never in Production. Section <c>G7Flows:Testing</c>:
/// <c>Faults:{ActivityName}</c> = how many times the activity throws before it works (<c>-1</c>: always), and
/// <c>CrashAt</c> = a <see cref="CrashPoints"/> name at which the process kills itself, once per marker file
/// <c>CrashMarker</c> (so the restarted process goes on), after <c>CrashDelay</c> (a time span; none by default: a
/// point reached once a response was handed to the server can wait for its bytes to reach the client).
/// </summary>
public sealed class FaultInjector
{
    public const string Section = "G7Flows:Testing";

    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    private readonly string? crashAt;
    private readonly string? crashMarker;
    private readonly TimeSpan crashDelay;

    public FaultInjector(IConfiguration configuration, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (environment?.IsProduction() == true)
        {
            return;
        }

        IConfigurationSection section = configuration.GetSection(Section);
        foreach (IConfigurationSection fault in section.GetSection("Faults").GetChildren())
        {
            if (int.TryParse(fault.Value, out int count) && count != 0)
            {
                this.failuresLeft[fault.Key] = count;
            }
        }

        this.crashAt = section["CrashAt"];
        this.crashMarker = section["CrashMarker"];
        this.crashDelay = TimeSpan.TryParse(section["CrashDelay"], System.Globalization.CultureInfo.InvariantCulture, out TimeSpan delay) ? delay : TimeSpan.Zero;
    }

    /// <summary>Throws if the activity is configured to fail now.</summary>
    public void OnActivity(string activity)
    {
        if (this.failuresLeft.IsEmpty)
        {
            return;
        }

        while (this.failuresLeft.TryGetValue(activity, out int left) && left != 0)
        {
            if (left < 0 || this.failuresLeft.TryUpdate(activity, left - 1, left))
            {
                throw new InjectedFaultException($"Injected fault in {activity} ({(left < 0 ? "always" : $"{left} left")}).");
            }
        }
    }

    /// <summary>Kills the process at <paramref name="point"/> when configured to, once (a marker file remembers).</summary>
    public void OnCrashPoint(string point)
    {
        if (this.crashAt is null || !string.Equals(this.crashAt, point, StringComparison.Ordinal))
        {
            return;
        }

        if (this.crashMarker is not null)
        {
            try
            {
                using var marker = new FileStream(this.crashMarker, FileMode.CreateNew);
            }
            catch (IOException)
            {
                return; // crashed here before: the restarted process goes on
            }
        }

        if (this.crashDelay > TimeSpan.Zero)
        {
            Thread.Sleep(this.crashDelay);
        }

        Process.GetCurrentProcess().Kill();
    }
}

/// <summary>A failure a test asked for.</summary>
public sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
    {
    }

    public InjectedFaultException(string message)
        : base(message)
    {
    }

    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
