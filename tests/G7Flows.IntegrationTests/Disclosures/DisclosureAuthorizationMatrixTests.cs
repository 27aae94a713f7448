using System.Net;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>
/// The disclosure read routes and the inbox for every kind of caller, over real HTTP, against a French disclosure
/// waiting for its security review. The state-changing routes' refusals are in the bad-input corpus; their allowed
/// callers are exercised by the end-to-end tests.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DisclosureAuthorizationMatrixTests(ServerFixture fixture)
{
    private static readonly (string Who, Func<string?> Token)[] Callers =
    [
        ("anonymous", () => null),
        ("staff", () => Tokens.Staff()),
        ("admin", () => Tokens.Admin()),
        ("security reviewer FR", () => Tokens.SecurityReviewer("FR")),
        ("security reviewer DE", () => Tokens.SecurityReviewer("DE")),
        ("human-rights reviewer", () => Tokens.HumanRightsReviewer()),
        ("approver FR", () => Tokens.Approver("FR")),
        ("approver DE", () => Tokens.Approver("DE")),
        ("civil society", () => Tokens.CivilSociety("Open Budget Watch")),
        ("civil society with markup in its organisation", () => Tokens.CivilSociety("<i>Watch</i>")),
        ("consultation reviewer FR", () => Tokens.Reviewer("FR")),
    ];

    /// <summary>Expected status per caller, in the order of <see cref="Callers"/>.</summary>
    private static readonly (string Route, int[] Expected)[] Table =
    [
        //                               anon staff admin secFR secDE  HR  appFR appDE civil markup revFR
        ("GET /api/disclosures/{id}",    [401, 200,  200,  200,  403,  200, 200,  403,  403,  403,   403]),
        ("GET /api/disclosures",         [401, 200,  200,  403,  403,  403, 403,  403,  403,  403,   403]),
        ("GET /api/disclosures/{id}/audit", [401, 200, 200, 403,  403,  403, 403,  403,  403,  403,   403]),
        ("GET /api/disclosures/{id}/revisions/1/diff", [401, 200, 200, 200, 403, 200, 200, 403,  403,  403,   403]),
        ("GET /api/tasks",               [401, 403,  403,  200,  200,  200, 200,  200,  403,  403,   200]),
        ("GET /api/me",                  [401, 200,  200,  200,  200,  200, 200,  200,  200,  200,   200]),
    ];

    [Fact]
    public async Task Every_kind_of_caller_gets_what_the_table_says()
    {
        // Arrange
        var api = new DisclosureClient(fixture.Server);
        string id = await api.SubmitAsync(DisclosureClient.Submission(commentPeriod: "P7D", title: "Authorization matrix target"));
        await api.WaitForStatusAsync(id, "SecurityReview");

        // Act
        var mismatches = new List<string>();
        foreach (var (route, expected) in Table)
        {
            string path = route["GET ".Length..].Replace("{id}", id, StringComparison.Ordinal);
            for (int i = 0; i < Callers.Length; i++)
            {
                Reply reply = await api.SendAsync(HttpMethod.Get, path, Callers[i].Token());
                if ((int)reply.Status != expected[i])
                {
                    mismatches.Add($"{Callers[i].Who} on {route}: expected {expected[i]}, got {(int)reply.Status}");
                }

                if (reply.Status != HttpStatusCode.OK && reply.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
                {
                    mismatches.Add($"{Callers[i].Who} on {route}: a refusal without problem details ({reply.ContentType})");
                }

                if (route == "GET /api/me" && reply.Status == HttpStatusCode.OK && Callers[i].Who.StartsWith("civil society", StringComparison.Ordinal))
                {
                    // An organisation with markup is not one G7Flows acts for: the caller is told so by its absence.
                    System.Text.Json.JsonElement org = reply.Body.GetProperty("org");
                    string? expectedOrg = Callers[i].Who == "civil society" ? "Open Budget Watch" : null;
                    if ((org.ValueKind == System.Text.Json.JsonValueKind.Null ? null : org.GetString()) != expectedOrg)
                    {
                        mismatches.Add($"{Callers[i].Who} on {route}: org {org.GetRawText()}, expected {expectedOrg ?? "null"}");
                    }
                }
            }
        }

        // Assert
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
