using System.Diagnostics;
using G7Flows.IntegrationTests.Contract;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Robustness.Infrastructure;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Http;
using Xunit;
using Xunit.Abstractions;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>
/// Hundreds of requests that must be refused, against every endpoint, over real HTTP: each gets a 4xx problem (never a
/// 5xx, never a bare error page), and no table or blob changes.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputCorpusTests(ServerFixture fixture, ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [Fact]
    public async Task Every_bad_request_to_every_endpoint_gets_a_4xx_problem_and_changes_no_table_or_blob()
    {
        // Arrange: real targets, then a snapshot once the background work of earlier tests has finished.
        Targets targets = await Targets.OfAsync(fixture);
        string disclosure = await DisclosureTargetAsync(fixture);
        IReadOnlyList<BadInputCase> corpus = [.. BadInputCorpus.Build(targets.Open, targets.Closed), .. DisclosureBadInput.Build(disclosure)];
        StorageSnapshot before = await StorageSnapshot.WaitForQuietAsync(fixture.Tables, fixture.Blobs, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90));

        // Act: the whole corpus, a few requests at a time.
        var replies = new RawReply[corpus.Count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, corpus.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) => replies[i] = await corpus[i].Request.SendAsync(fixture.Server.Http));
        clock.Stop();

        // Anything a wrongly accepted request set off in the background (an event to an orchestration) lands before the
        // comparison: it is taken once storage has stopped changing, not after a fixed time.
        StorageSnapshot after = await StorageSnapshot.WaitForQuietAsync(fixture.Tables, fixture.Blobs, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90));

        // Assert
        this.Report(corpus, replies, clock.Elapsed, before);
        var failures = corpus
            .Select((c, i) => (Case: c, Why: replies[i].WhyNotAProblem(c.Expected, c.RejectedBeforeTheApplication)))
            .Where(f => f.Why is not null)
            .Select(f => $"{f.Case}\n    -> {f.Why}")
            .ToList();

        // Every answer of a route is one the OpenAPI document lists for it, with a body of its schema (405 is not an
        // operation's answer, and Kestrel's own refusals never reach the API).
        var offContract = corpus
            .Select((c, i) => (Case: c, Reply: replies[i]))
            .Where(r => r.Case.Request.Route is not null && r.Reply.Status is { } s && s != System.Net.HttpStatusCode.MethodNotAllowed && !r.Case.RejectedBeforeTheApplication)
            .SelectMany(r => ContractCheck.Current.Problems(r.Case.Request.Route!.Name, (int)r.Reply.Status!.Value, r.Reply.ContentType?.MediaType, r.Reply.Text).Select(p => $"{r.Case}\n    -> {p}"))
            .ToList();
        failures.AddRange(offContract);

        // Late and changed answers to the closed consultation are refused AND recorded, on purpose: the audit trail keeps
        // refused attempts. Exactly those rows (one per such request, in that consultation's partition) may appear.
        IReadOnlyList<StorageChange> changes = before.ChangesTo(after);
        int lateResponses = corpus.Count(c => c.RecordsRefusedLateResponse);
        var refusalRows = changes.Where(c => c.Kind == "added"
            && c.Key.StartsWith($"table:AuditTrail/{targets.Closed}/", StringComparison.Ordinal)
            && (c.After!.Contains("Action=late-response-refused;", StringComparison.Ordinal) || c.After.Contains("Action=answer-change-refused;", StringComparison.Ordinal))).ToList();

        // Each refusal extends that partition's hash chain, so its head row moves with them (and only with them).
        var headRow = changes.Where(c => c.Key == $"table:AuditTrail/{targets.Closed}/~head").ToList();
        var unexpected = changes.Except(refusalRows).Except(refusalRows.Count > 0 ? headRow : []).ToList();

        string Listed<T>(IReadOnlyCollection<T> items, int max) => string.Join("\n", items.Take(max)) + (items.Count > max ? $"\n… and {items.Count - max} more" : string.Empty);
        string serverOutput = fixture.Server.Output;
        string diagnostics = replies.Any(r => r.Status is null)
            ? $"\n\nSome requests got no answer; the server's last output:\n{serverOutput[^Math.Min(serverOutput.Length, 4000)..]}"
            : string.Empty;
        Assert.True(
            failures.Count == 0 && unexpected.Count == 0,
            $"{failures.Count} of {corpus.Count} bad requests were not answered with the expected 4xx problem:\n{Listed(failures, 80)}\n\n"
            + $"{unexpected.Count} items of storage changed although every request should have been refused:\n{Listed(unexpected, 40)}{diagnostics}");
        Assert.Equal(lateResponses, refusalRows.Count);
        Assert.True(corpus.Count >= 500, $"The corpus has only {corpus.Count} requests.");
        foreach (ApiRoute route in WorkflowModules.Routes)
        {
            Assert.True(corpus.Count(c => c.Request.Route == route) >= 10, $"The corpus has fewer than 10 requests for {route.Method} /api/{route.Template}.");
        }
    }

    /// <summary>A French disclosure waiting for its security review.</summary>
    private static async Task<string> DisclosureTargetAsync(ServerFixture fixture)
    {
        var disclosures = new DisclosureClient(fixture.Server);
        string id = await disclosures.SubmitAsync(DisclosureClient.Submission(commentPeriod: "P7D", title: "Robustness target (disclosure)"));
        await disclosures.WaitForStatusAsync(id, "SecurityReview");
        return id;
    }

    private void Report(IReadOnlyList<BadInputCase> corpus, RawReply[] replies, TimeSpan elapsed, StorageSnapshot before)
    {
        output.WriteLine($"{corpus.Count} requests in {elapsed.TotalSeconds:0.0} s, {Concurrency} at a time.");
        output.WriteLine($"Compared before and after: {before.EntityCount} entities in {before.Tables.Count(StorageSnapshot.IsComparedTable)} tables ({string.Join(", ", before.Tables.Where(StorageSnapshot.IsComparedTable))}), "
            + $"{before.BlobCount} blobs in {before.Containers.Count(StorageSnapshot.IsComparedContainer)} containers ({string.Join(", ", before.Containers.Where(StorageSnapshot.IsComparedContainer))}); "
            + $"not compared: {string.Join(", ", before.Tables.Where(t => !StorageSnapshot.IsComparedTable(t)).Concat(before.Containers.Where(c => !StorageSnapshot.IsComparedContainer(c))).DefaultIfEmpty("nothing"))}.");
        output.WriteLine("Statuses:");
        foreach (var group in replies.GroupBy(r => r.Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        output.WriteLine("Requests per endpoint:");
        foreach (var group in corpus.Select((c, i) => (Case: c, Reply: replies[i])).GroupBy(x => x.Case.Request.Route is { } r ? $"{r.Method} /api/{r.Template}" : "(no endpoint)"))
        {
            string statuses = string.Join(", ", group.GroupBy(x => x.Reply.Status is { } s ? (int)s : 0).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
            output.WriteLine($"  {group.Key}: {group.Count()} ({statuses})");
        }
    }
}
