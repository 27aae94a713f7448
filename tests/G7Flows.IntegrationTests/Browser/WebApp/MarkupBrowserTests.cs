using System.Net;
using G7Flows.IntegrationTests.Disclosures;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static G7Flows.IntegrationTests.Infrastructure.DisclosureClient;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>
/// Markup in what people type (a disclosure's title, a comment, an organisation's name, a reviewer's name) shows as
/// text on every page of the disclosure workflow and nothing in it runs: no script sets <c>window.__pwned</c> and no
/// image element appears.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class MarkupBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    private const string Payload = "<img src=x onerror=\"window.__pwned=1\">";

    [Fact]
    public async Task Markup_in_a_title_a_comment_a_reviewer_and_an_organisation_shows_as_text_and_nothing_runs()
    {
        // Arrange: a disclosure titled with markup, reviewed by a reviewer whose name is markup, with a comment of markup,
        // in its comment period; and the same title published.
        var api = new DisclosureClient(fixture.Server);
        string title = "Exercise " + Payload;
        string id = await api.SubmitAsync(Submission(title: title, commentPeriod: "PT10M", body: "# Report\n\n" + Payload));
        await api.WaitForStatusAsync(id, "SecurityReview");
        Expect(HttpStatusCode.Accepted, await api.ReviewAsync(id, "security", "approve", "Fine " + Payload, Tokens.SecurityReviewer("FR", "sec" + Payload)));
        await api.WaitForStatusAsync(id, "HumanRightsReview");
        Expect(HttpStatusCode.Accepted, await api.ReviewAsync(id, "human-rights", "approve"));
        await api.WaitForStatusAsync(id, "PublicComment");
        Expect(HttpStatusCode.Accepted, await api.CommentAsync(id, "Comment " + Payload, "Open Budget Watch"));
        string waiting = await api.SubmitAsync(Submission(title: title, commentPeriod: "PT10M"));
        await api.WaitForStatusAsync(waiting, "SecurityReview");
        await PublicDisclosures.Publisher(fixture.Azurite.ConnectionString).PublishAsync(PublicDisclosures.Policy(PublicDisclosures.NewId("markup"), title: title));

        var visits = new (string What, string Path, string? Token, string Expected, bool TitleHeading)[]
        {
            ("the staff list", "/#/disclosures", Tokens.Staff(), title, false),
            ("the security reviewer's list", "/#/disclosures", Tokens.SecurityReviewer("FR"), title, false),
            ("the security review page", $"/#/disclosures/{waiting}", Tokens.SecurityReviewer("FR"), title, true),
            ("the review page (staff)", $"/#/disclosures/{id}", Tokens.Staff(), "Comment " + Payload, true),
            ("the review page (civil society)", $"/#/disclosures/{id}", Tokens.CivilSociety("Open Budget Watch"), "Comment " + Payload, true),
            ("the review page (human-rights reviewer)", $"/#/disclosures/{id}", Tokens.HumanRightsReviewer(), "sec" + Payload, true),
            ("the public index", "/#/public", null, title, false),
            ("the review page for an organisation named with markup", $"/#/disclosures/{id}", Tokens.CivilSociety(Payload), "You may not read this disclosure", false),
        };

        foreach (var (what, path, token, expected, titleHeading) in visits)
        {
            // Act
            IPage page = await this.Web.OpenAsync(path, token);

            // Assert: the markup is there as text, and nothing ran.
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(expected);
            if (titleHeading)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            }

            await WebAppBrowser.AssertNothingRanAsync(page, "img", what);
        }

        this.Web.AssertClean();
    }
}
