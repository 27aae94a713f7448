using System.Net;
using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static G7Flows.IntegrationTests.Infrastructure.DisclosureClient;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>
/// The disclosure review page in a real browser: a security reviewer sees the screening findings marked in the text and
/// requests changes; staff submit a revision from the page; the page then shows what changed. An approver sees the
/// moderated comments, staff moderate the last one from the page, and the approver approves.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DisclosureReviewBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    private const string FirstText =
        "NATO UNCLASSIFIED\n\n# Exercise report STEADFAST\n\nThe exercise took place in March near Toulon.\nThe annex is attached for the partners.\n\nThis report was never marked NOFORN by anyone.";

    private const string RevisedText =
        "# Exercise report STEADFAST\n\nThe exercise took place in March near Toulon.\nThe annex is withdrawn; the units are named in the text.\n\nThis report was never marked NOFORN by anyone.";

    [Fact]
    [Trait("Purpose", "readme-screenshot")]
    public async Task A_security_reviewer_sees_the_findings_and_requests_changes_and_the_revision_shows_its_differences()
    {
        // Arrange: a French exercise report waiting for its security review, with two warnings (no blocking finding).
        var api = new DisclosureClient(fixture.Server);
        string id = await api.SubmitAsync(Submission(title: "Exercise report STEADFAST", body: FirstText, commentPeriod: "PT10M"));
        JsonElement waiting = await api.WaitForStatusAsync(id, "SecurityReview");
        int findings = waiting.GetProperty("findingsTotal").GetInt32();
        Assert.True(findings >= 2, $"Expected the banner and the caveat as warnings, got {waiting.GetProperty("findings")}.");
        string reviewer = Tokens.SecurityReviewer("FR", "security.fr@g7.example");

        // The reviewer finds it in their task list (the inbox links each task to its page).
        Reply tasks = await api.SendAsync(HttpMethod.Get, "/api/tasks", reviewer);
        Assert.Contains(tasks.Body.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id && t.GetProperty("step").GetString() == "security");

        // Act 1: the reviewer opens the page.
        IPage page = await this.Web.OpenAsync($"/#/disclosures/{id}", reviewer);

        // Assert 1: the findings are marked in the text and listed.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exercise report STEADFAST", Level = 1 })).ToBeVisibleAsync();
        ILocator text = page.GetByRole(AriaRole.Region, new() { Name = "Text of revision 1" });
        await Assertions.Expect(text).ToContainTextAsync("The exercise took place in March near Toulon.");
        await Assertions.Expect(text.Locator("mark.finding:visible")).ToHaveCountAsync(findings);
        await Assertions.Expect(text.Locator("mark.finding:visible").First).ToHaveTextAsync("NATO UNCLASSIFIED");
        await Assertions.Expect(text.Locator("mark.finding:visible", new() { HasText = "NOFORN" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Screening findings ({findings})" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ol.findings > li")).ToHaveCountAsync(findings);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show finding 1 in the text" }).ClickAsync();
        await Assertions.Expect(text.Locator("mark.finding:visible").First).ToBeFocusedAsync();
        await WebAppBrowser.AssertAccessibleAsync(page, "the review page with findings");

        // Act 2: request changes, with the confirmation step.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Request changes" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Write a comment: it tells the submitter what to change")).ToBeVisibleAsync();
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Remove the banner line and say what happened to the annex.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answer" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: request changes" }).ClickAsync();

        // Assert 2: the page says what happened, and the API holds the answer.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your request for changes was recorded" })).ToBeVisibleAsync();
        JsonElement sentBack = await api.WaitForStatusAsync(id, "ChangesRequested");
        JsonElement review = Assert.Single(sentBack.GetProperty("reviews").EnumerateArray());
        Assert.Equal(("security", "request-changes", "Remove the banner line and say what happened to the annex."), (review.GetProperty("step").GetString(), review.GetProperty("decision").GetString(), review.GetProperty("comment").GetString()));

        // Act 3: the submitter (staff) submits a revision from the page.
        IPage staff = await this.Web.OpenAsync($"/#/disclosures/{id}", Tokens.Staff());
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Submit a revision" })).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByLabel("Revised text")).ToHaveValueAsync(FirstText);
        await staff.GetByLabel("Revised text").FillAsync(RevisedText);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Submit the revision" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).Filter(new() { HasText = "Revision 2 was submitted" })).ToBeVisibleAsync();
        JsonElement revised = await api.WaitForStatusAsync(id, "SecurityReview");
        Assert.Equal(2, revised.GetProperty("revision").GetInt32());

        // Assert 3: the reviewer's page now shows the differences from revision 1.
        foreach (ViewportSize viewport in new[] { WebAppBrowser.Desktop, WebAppBrowser.Phone })
        {
            IPage again = await this.Web.OpenAsync($"/#/disclosures/{id}", reviewer, viewport);
            ILocator diff = again.GetByRole(AriaRole.Region, new() { Name = "Changes in revision 2" });
            await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Changes from revision 1" })).ToBeVisibleAsync();
            await Assertions.Expect(diff.Locator("del", new() { HasText = "NATO UNCLASSIFIED" })).ToBeVisibleAsync();
            await Assertions.Expect(diff.Locator("del.word", new() { HasText = "attached" })).ToBeVisibleAsync();
            await Assertions.Expect(diff.Locator("ins.word").First).ToBeVisibleAsync();
            await Assertions.Expect(diff).ToContainTextAsync("the units are named in the text");
            await Assertions.Expect(again.GetByRole(AriaRole.Region, new() { Name = "Text of revision 2" })).ToContainTextAsync("The annex is withdrawn");
            await Assertions.Expect(again.GetByText("Remove the banner line and say what happened to the annex.")).ToBeVisibleAsync();
            await WebAppBrowser.AssertAccessibleAsync(again, $"the review page with a diff at {viewport.Width} px");
            await WebAppBrowser.AssertFitsWidthAsync(again, $"the review page at {viewport.Width} px");
        }

        await this.ScreenshotAsync(id, reviewer);
        await this.Web.AssertCleanAsync(page);
    }

    /// <summary>
    /// The README's picture of a review page: the findings marked in the text and the differences from the previous
    /// revision, 1,500 CSS pixels wide at 0.8 device pixels each. With <c>G7FLOWS_README_SCREENSHOT=1</c> it is written
    /// to <c>docs/images/web-review.png</c>; either way the picture is checked.
    /// </summary>
    private async Task ScreenshotAsync(string id, string reviewer)
    {
        const int Width = 1500;
        const float Scale = 0.8f;
        IPage signedIn = await this.Web.OpenAsync($"/#/disclosures/{id}", reviewer);
        IBrowser browser = signedIn.Context.Browser ?? throw new InvalidOperationException("No browser.");
        await using IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = Width, Height = 1000 },
            DeviceScaleFactor = Scale,
            Locale = "en-GB",
        });
        await context.AddInitScriptAsync($"sessionStorage.setItem('g7flows.token', {System.Text.Json.JsonSerializer.Serialize(reviewer)});");
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(this.Web.Url($"/#/disclosures/{id}"));
        await page.WaitForSelectorAsync("html[data-ready='true']");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Changes in revision 2" }).Locator("ins.word").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("mark.finding").First).ToBeVisibleAsync();
        float bottom = await page.EvaluateAsync<float>("() => { const r = document.querySelector('.diff-view').getBoundingClientRect(); return r.bottom + window.scrollY + 16; }");

        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Clip = new Clip { X = 0, Y = 0, Width = Width, Height = bottom }, Type = ScreenshotType.Png });

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.InRange(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), (int)(Width * Scale) - 1, (int)(Width * Scale) + 1);
        if (Environment.GetEnvironmentVariable(ReportPageBrowserTests.ScreenshotVariable) == "1")
        {
            string path = Path.Combine(Repository.Root, "docs", "images", "web-review.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, png);
        }
    }

    [Fact]
    public async Task The_approver_sees_the_moderated_comments_staff_moderate_the_last_from_the_page_and_the_approver_approves()
    {
        // Arrange: a disclosure whose comment period ends with one comment published, one rejected and one pending.
        var api = new DisclosureClient(fixture.Server);
        string id = await api.IntoCommentPeriodAsync(Submission(commentPeriod: "PT15S", title: "Defence policy with comments"));
        string published = (await api.CommentAsync(id, "Please publish the list of units.", "Open Budget Watch")).Body.GetProperty("id").GetString()!;
        string rejected = (await api.CommentAsync(id, "Cheap watches for sale.", "Spam Shop")).Body.GetProperty("id").GetString()!;
        Reply pending = await api.CommentAsync(id, "This one still waits for a moderator.", "Citizens Panel");
        Expect(HttpStatusCode.Accepted, pending);
        Expect(HttpStatusCode.OK, await api.ModerateAsync(id, published, "publish"));
        Expect(HttpStatusCode.OK, await api.ModerateAsync(id, rejected, "reject", "Advertising, not a comment."));
        await api.WaitForStatusAsync(id, "FinalApproval", TimeSpan.FromSeconds(90));
        string approver = Tokens.Approver("FR", "approver.fr@g7.example");

        // Act 1: the approver opens the page.
        IPage page = await this.Web.OpenAsync($"/#/disclosures/{id}", approver);

        // Assert 1: moderated comments only; the pending one is counted, not shown.
        ILocator comments = page.GetByRole(AriaRole.Region, new() { Name = "Public comments" });
        await Assertions.Expect(comments.GetByText("Please publish the list of units.")).ToBeVisibleAsync();
        await Assertions.Expect(comments.GetByText("Cheap watches for sale.")).ToBeVisibleAsync();
        await Assertions.Expect(comments.GetByText("Advertising, not a comment.")).ToBeVisibleAsync();
        await Assertions.Expect(comments.GetByText("This one still waits for a moderator.")).ToHaveCountAsync(0);
        await Assertions.Expect(comments.GetByText("1 comment awaits moderation")).ToBeVisibleAsync();
        await WebAppBrowser.AssertAccessibleAsync(page, "the final approval page");

        // Act 2: approving now is refused in plain words (a comment awaits moderation).
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: approve" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Comments still await moderation" })).ToBeVisibleAsync();

        // Act 3: staff publish the pending comment from the page.
        IPage staff = await this.Web.OpenAsync($"/#/disclosures/{id}", Tokens.Staff("moderator@g7.example"));
        ILocator form = staff.Locator("form.moderation");
        await Assertions.Expect(form).ToHaveCountAsync(1);
        await form.GetByRole(AriaRole.Radio, new() { Name = "Publish" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save moderation" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).Filter(new() { HasText = "The comment from Citizens Panel was published." })).ToBeVisibleAsync();
        await api.WaitAsync(id, d => d.GetProperty("pendingComments").GetInt32() == 0, "no pending comments");

        // Act 4: the approver approves.
        IPage again = await this.Web.OpenAsync($"/#/disclosures/{id}", approver);
        await Assertions.Expect(again.GetByRole(AriaRole.Region, new() { Name = "Public comments" }).GetByText("This one still waits for a moderator.")).ToBeVisibleAsync();
        await again.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await again.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await again.GetByRole(AriaRole.Button, new() { Name = "Confirm: approve" }).ClickAsync();

        // Assert 4
        await Assertions.Expect(again.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your approval was recorded" })).ToBeVisibleAsync();
        JsonElement done = await api.WaitForStatusAsync(id, "Published", TimeSpan.FromSeconds(60));
        Assert.Contains(done.GetProperty("reviews").EnumerateArray(), r => r.GetProperty("step").GetString() == "final" && r.GetProperty("decision").GetString() == "approve");
        await this.Web.AssertCleanAsync(again);
    }
}
