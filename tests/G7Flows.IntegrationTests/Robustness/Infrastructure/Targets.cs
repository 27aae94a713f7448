using System.Net;
using System.Runtime.CompilerServices;
using G7Flows.IntegrationTests.Infrastructure;

namespace G7Flows.IntegrationTests.Robustness.Infrastructure;

/// <summary>
/// Consultations for the per-consultation endpoints to aim at: one open for a day (FR, DE and IT take part, nobody has
/// answered) and one closed with its record published (FR, DE and GB under the silence procedure; DE objected).
/// </summary>
public sealed record Targets(string Open, string Closed)
{
    private static readonly ConditionalWeakTable<ServerFixture, Lazy<Task<Targets>>> PerFixture = [];

    /// <summary>The targets of this fixture's server, created once.</summary>
    public static Task<Targets> OfAsync(ServerFixture fixture) =>
        PerFixture.GetValue(fixture, f => new Lazy<Task<Targets>>(() => CreateAsync(f.Api))).Value;

    private static async Task<Targets> CreateAsync(Api api)
    {
        string open = await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "P1D", title: "Robustness target (open)"));
        string closed = await api.StartAsync(Api.Proposal("silence", ["FR", "DE", "GB"], "P1D", title: "Robustness target (closed)"));
        Reply objection = await api.RespondAsync(closed, "DE", "object", "Not without a UN mandate.");
        if (objection.Status != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The objection was not accepted: {objection.Status} {objection.Text}");
        }

        await api.WaitForRecordAsync(closed, TimeSpan.FromSeconds(90));
        return new Targets(open, closed);
    }
}
