using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>
/// Markup in everything users write is accepted (it is valid text) and comes out of the HTML record as text: escaped
/// in the page the API serves and in the blob it is published as, and verbatim in the JSON record.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed partial class HtmlRecordEscapingTests(ServerFixture fixture)
{
    private const string Title = "Exercise <script>alert('title')</script> & \"NORTH\" 'SHIELD' <img src=x onerror=alert(1)> \U0001F468\u200D\U0001F469\u200D\U0001F467";

    private const string Summary = "Line 1 <script>alert(\"summary\")</script>\nLine 2 <img src=x onerror=alert('s')> & &amp; \"quoted\" 'single'\n</p><p onclick=alert(1)>breakout";

    private const string Reason = "Withdrawn <script>alert('reason')</script> & \"quotes\" 'apostrophes' <img src=x onerror=alert(2)>";

    private static readonly Dictionary<string, string> Comments = new()
    {
        ["FR"] = "<script>alert('FR')</script> \"yes\" & 'no'",
        ["DE"] = "<img src=x onerror=alert('DE')> &lt;already escaped&gt; <svg onload=alert(3)>",
        ["IT"] = "</td><td><script>alert('IT')</script></td></tr></table><a href=\"javascript:alert(4)\">x</a>",
    };

    private static readonly string StaffName = "staff \"<b>bold</b>\" & 'co'@g7.example";

    private static string ReviewerName(string nation) => $"<script>alert('{nation}')</script>&'\"reviewer.{nation.ToLowerInvariant()}@g7.example";

    [Fact]
    public async Task Every_user_string_is_escaped_in_the_html_record_served_by_the_api_and_stored_as_a_blob()
    {
        // Arrange: a consultation whose every free text (and every caller's name) carries markup, answered by three
        // nations with comments and then withdrawn with a reason.
        Api api = fixture.Api;
        string staff = Tokens.Create(StaffName, ["staff"]);
        string id = await api.StartAsync(
            new
            {
                title = Title,
                kind = "joint-exercise",
                summary = Summary,
                proposer = "FR",
                participants = new[] { "FR", "DE", "IT", "JP" },
                rule = "unanimity",
                responseWindow = "P1D",
            },
            staff);
        foreach (var (nation, comment) in Comments)
        {
            Reply answer = await api.RespondAsync(id, nation, nation == "DE" ? "abstain" : "approve", comment, Tokens.Reviewer(nation, ReviewerName(nation)));
            Assert.Equal(HttpStatusCode.Accepted, answer.Status);
        }

        Reply withdraw = await api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/withdraw", staff, new { reason = Reason });
        Assert.Equal(HttpStatusCode.Accepted, withdraw.Status);
        JsonElement closed = await api.WaitForRecordAsync(id);
        Assert.Equal("Withdrawn", closed.GetProperty("status").GetString());

        // Act
        Reply served = await api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/record", staff, configure: r => r.Headers.Accept.ParseAdd("text/html"));
        var blob = (await fixture.Blobs.GetBlobContainerClient("records").GetBlobClient($"consultations/{id}/record.html").DownloadContentAsync()).Value;
        string stored = blob.Content.ToString();
        Reply json = await api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/record", staff);

        // Assert
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.StartsWith("text/html", served.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("text/html", blob.Details.ContentType, StringComparison.Ordinal);
        Assert.Equal(stored, served.Text);
        string[] userStrings = [Title, Summary, Reason, StaffName, .. Comments.Values, .. Comments.Keys.Select(ReviewerName)];
        AssertEscaped(served.Text, userStrings);
        AssertEscaped(stored, userStrings);

        JsonElement record = json.Body.GetProperty("consultation");
        Assert.Equal(Title, record.GetProperty("title").GetString());
        Assert.Equal(Summary, record.GetProperty("summary").GetString());
        Assert.Equal(Comments["IT"], record.GetProperty("positions")[2].GetProperty("comment").GetString());
        Assert.Contains(Reason, record.GetProperty("outcome").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    /// <summary>No user string appears as written; each is there once decoded, so it was escaped, not dropped; no tag or event handler comes from user text.</summary>
    private static void AssertEscaped(string html, IEnumerable<string> userStrings)
    {
        string decoded = WebUtility.HtmlDecode(html);
        foreach (string text in userStrings)
        {
            Assert.DoesNotContain(text, html, StringComparison.Ordinal);
            Assert.Contains(text, decoded, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(DangerousTag(), html);
        Assert.DoesNotMatch(EventHandlerInATag(), html);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Regex.Count(html, "<table>"));
        Assert.Equal(1, Regex.Count(html, "</table>"));
    }

    [GeneratedRegex(@"<\s*/?\s*(script|img|svg|a|b)[\s>/]", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousTag();

    [GeneratedRegex(@"<[^>]*\son\w+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerInATag();
}
