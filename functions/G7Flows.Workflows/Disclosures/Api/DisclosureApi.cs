using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>
/// The disclosure API's handlers, shared by both hosts. Each one authenticates, authorizes and validates, then decides
/// in storage: an answer, a comment, a moderation, a revision or a withdrawal is written in one entity group
/// transaction with the disclosure row's ETag, or refused (409, 429) with nothing changed. Only then is the
/// orchestration woken by an event; it acts on what is stored.
/// </summary>
public sealed partial class DisclosureApi(
    DisclosureStore store,
    AuditLog audit,
    DisclosureSettings settings,
    TimeProvider clock,
    FaultInjector faults,
    ILogger<DisclosureApi> logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>How often a change is tried against a partition that others change at the same moment.</summary>
    private const int MaxAttempts = 20;

    private static IResult Conflict(string type, string detail, IDictionary<string, object?>? extensions = null) =>
        Problems.Problem(StatusCodes.Status409Conflict, type, "The request conflicts with the disclosure's state.", detail, extensions);

    private static IResult NotFound() => Problems.NotFound("No disclosure has this id.");

    private static Dictionary<string, object?> StatusOf(DisclosureSnapshot s) => new() { ["disclosureStatus"] = s.Disclosure.Status };

    /// <summary>Authorizes on the role, reads the disclosure, and authorizes again with what is known of it.</summary>
    private async Task<(DisclosureSnapshot? Snapshot, Caller? Caller, IResult? Refused)> LoadAuthorizedAsync(
        HttpRequest request, string id, ApiAction action, Func<DisclosureSnapshot, DisclosureScope> scope, string? step, CancellationToken ct)
    {
        // Before the disclosure is read, only what is unknown may not refuse: its nation is left open, and so is whether it
        // is in its comment period (else civil society could never read one that is).
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, action, disclosure: new DisclosureScope(null, InPublicComment: true, Step: step))) is { } early)
        {
            return (null, caller, early);
        }

        if (!DisclosureIds.IsWellFormed(id))
        {
            return (null, caller, NotFound());
        }

        DisclosureSnapshot? snapshot = await store.GetAsync(id, ct);
        if (snapshot is null)
        {
            return (null, caller, NotFound());
        }

        return Refused(Authorizer.Decide(caller, action, disclosure: scope(snapshot))) is { } refused
            ? (null, caller, refused)
            : (snapshot, caller, null);
    }

    private static DisclosureScope ScopeOf(DisclosureSnapshot s, string? step = null, string? commentAuthor = null) =>
        new(s.Disclosure.Nation, s.Status == DisclosureStatus.PublicComment, step, commentAuthor);

    private Task<IResult> GuardAsync(Func<CancellationToken, Task<IResult>> handler) => HandlerSupport.GuardAsync(logger, handler);

    private DateTimeOffset Now() => TruncateToMilliseconds(clock.GetUtcNow());

    /// <summary>A short random pause before reading a contended partition again.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken ct) => Task.Delay(Random.Shared.Next(1, 5 * (attempt + 1)), ct);
}
