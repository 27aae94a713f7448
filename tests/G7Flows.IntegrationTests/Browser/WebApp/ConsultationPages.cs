using System.Text.Json;
using Microsoft.Playwright;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>What the inbox and consultation browser tests share: consultations started through the API, and checks of a page.</summary>
internal static class ConsultationPages
{
    /// <summary>A title that no other test's consultation has, so a shared inbox shows it once.</summary>
    public static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    /// <summary>A proposal as staff send it.</summary>
    public static object Proposal(string title, string[] participants, string rule = "unanimity", string window = "P1D", string? summary = null, string kind = "joint-exercise") => new
    {
        title,
        kind,
        summary = summary ?? "Scenario-based peacekeeping exercise to build interoperability between the participating forces.",
        proposer = participants[0],
        participants,
        rule,
        responseWindow = window,
    };

    /// <summary>A nation's stored position as the API returns it to staff.</summary>
    public static JsonElement PositionOf(JsonElement consultation, string nation) =>
        consultation.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("nation").GetString() == nation);

    /// <summary>Sends a request with the page's own sign-in (the token its tab keeps), as a script on the page could.</summary>
    public static Task<int> PostFromPageAsync(IPage page, string path, object body) =>
        page.EvaluateAsync<int>(
            @"async ([path, body]) => (await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('g7flows.token') }, body: JSON.stringify(body) })).status",
            new object[] { path, body });
}
