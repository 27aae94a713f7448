using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static G7Flows.IntegrationTests.Browser.WebApp.ConsultationPages;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>
/// The inbox in the browser: consultation and disclosure tasks together, most urgent first, due times relative and in
/// UTC, overdue ones marked in words; the empty inbox; and markup in what staff typed shown as text.
/// <para>
/// The first test also gives the README's screenshot: with <c>G7FLOWS_README_SCREENSHOT=1</c> it writes the inbox it
/// checked to <c>docs/images/web-inbox.png</c>.
/// </para>
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class InboxBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    /// <summary>Device pixels per CSS pixel in the screenshot.</summary>
    private const float ScreenshotScale = 0.8f;

    /// <summary>The screenshot's width in CSS pixels.</summary>
    private const int ScreenshotWidth = 1200;

    /// <summary>Where the README's screenshot lives.</summary>
    public static string ScreenshotPath => Path.Combine(Repository.Root, "docs", "images", "web-inbox.png");

    [Fact]
    [Trait("Purpose", "readme-screenshot")]
    public async Task The_inbox_lists_consultations_and_disclosure_steps_most_urgent_first_with_the_overdue_one_marked()
    {
        // Arrange: Canada's reviewer, who is also its security reviewer (no other test of these pages involves Canada).
        string token = Tokens.Create("c.tremblay@g7.example", ["reviewer", "security-reviewer", "nation.CA"]);
        string exercise = await fixture.Api.StartAsync(Proposal("Joint exercise MAPLE GUARDIAN: Arctic search and rescue", ["CA", "GB"], window: "PT6H",
            summary: "A search-and-rescue exercise in the Canadian Arctic with British air assets."));
        string sharing = await fixture.Api.StartAsync(Proposal("Information-sharing arrangement on maritime domain awareness", ["CA", "FR", "JP"],
            rule: "qualified-majority", window: "P2D", kind: "information-sharing"));
        string minerals = await fixture.Api.StartAsync(Proposal("Policy coordination on critical minerals for defence supply chains", ["CA", "DE", "IT"],
            rule: "silence", window: "P5D", kind: "policy-coordination"));
        var disclosures = new DisclosureClient(fixture.Server);
        var submission = DisclosureClient.Submission(nation: "CA", kind: "exercise-report", title: "Exercise report: CUTLASS FURY 2026",
            body: "# Exercise CUTLASS FURY 2026\n\nA maritime exercise off Nova Scotia with five navies.", commentPeriod: "PT10M");
        submission["due"] = new { security = "PT5S" };
        string report = await disclosures.SubmitAsync(submission);
        DateTimeOffset due = await WaitForOverdueTaskAsync(token, report);

        // Act
        IPage page = await this.Web.OpenAsync("/#/inbox", token);

        // Assert: four tasks, the overdue disclosure first, then by due time; each says what to do and when.
        ILocator tasks = page.GetByRole(AriaRole.List, new() { Name = "Open tasks" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(page.Locator(".inbox-summary")).ToHaveTextAsync("4 open tasks, 1 overdue, most urgent first.");
        await Assertions.Expect(tasks).ToHaveCountAsync(4);
        await Assertions.Expect(tasks.Nth(0).GetByRole(AriaRole.Link)).ToHaveTextAsync("Exercise report: CUTLASS FURY 2026");
        await Assertions.Expect(tasks.Nth(0).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#/disclosures/{report}");
        await Assertions.Expect(tasks.Nth(0)).ToContainTextAsync("Overdue");
        await Assertions.Expect(tasks.Nth(0)).ToContainTextAsync($"({due.UtcDateTime:yyyy-MM-dd HH:mm} UTC)");
        await Assertions.Expect(tasks.Nth(0)).ToContainTextAsync("Security review: approve, request changes or reject.");
        string[] expected = [exercise, sharing, minerals];
        string[] relative = ["Due in 6 hours", "Due in 2 days", "Due in 5 days"];
        for (int i = 0; i < expected.Length; i++)
        {
            ILocator task = tasks.Nth(i + 1);
            await Assertions.Expect(task.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#/consultations/{expected[i]}");
            await Assertions.Expect(task).ToContainTextAsync(relative[i]);
            await Assertions.Expect(task).ToContainTextAsync("Answer for Canada: approve, object or abstain.");
            await Assertions.Expect(task).Not.ToContainTextAsync("Overdue");
        }

        await WebAppBrowser.AssertAccessibleAsync(page, "the inbox");

        // The screenshot: the same inbox in a window 1,200 CSS pixels wide at 0.8 device pixels each.
        await using (IBrowserContext shot = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = ScreenshotWidth, Height = 800 },
            DeviceScaleFactor = ScreenshotScale,
            Locale = "en-GB",
            TimezoneId = "UTC",
        }))
        {
            await shot.AddInitScriptAsync($"sessionStorage.setItem('g7flows.token', {JsonSerializer.Serialize(token)});");
            IPage wide = await shot.NewPageAsync();
            await wide.GotoAsync(this.Web.Url("/#/inbox"));
            await wide.WaitForSelectorAsync("html[data-ready='true']");
            ILocator shown = wide.GetByRole(AriaRole.List, new() { Name = "Open tasks" }).GetByRole(AriaRole.Listitem);
            await Assertions.Expect(shown).ToHaveCountAsync(4);
            await Assertions.Expect(shown.First).ToContainTextAsync("Overdue");
            byte[] png = await wide.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
            Assert.Equal((int)(ScreenshotWidth * ScreenshotScale), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            if (Environment.GetEnvironmentVariable(ReportPageBrowserTests.ScreenshotVariable) == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
                await File.WriteAllBytesAsync(ScreenshotPath, png);
                Assert.Equal(png, await File.ReadAllBytesAsync(ScreenshotPath));
            }
        }

        // At a phone's width: nothing scrolls sideways and axe still passes.
        await page.SetViewportSizeAsync(WebAppBrowser.Phone.Width, WebAppBrowser.Phone.Height);
        await Assertions.Expect(tasks.Nth(0)).ToBeVisibleAsync();
        await WebAppBrowser.AssertFitsWidthAsync(page, "the inbox at a phone's width");
        await WebAppBrowser.AssertAccessibleAsync(page, "the inbox at a phone's width");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task An_empty_inbox_says_so_in_plain_words()
    {
        // The European Union's reviewer: no test of these pages invites the EU.
        IPage page = await this.Web.OpenAsync("/#/inbox", Tokens.Reviewer("EU"), WebAppBrowser.Phone);

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nothing is waiting for you.");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("New consultations for European Union");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Open tasks" })).ToHaveCountAsync(0);
        await WebAppBrowser.AssertFitsWidthAsync(page, "the empty inbox at a phone's width");
        await WebAppBrowser.AssertAccessibleAsync(page, "the empty inbox at a phone's width");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task Markup_in_a_title_a_proposal_and_a_comment_shows_as_text_and_nothing_runs()
    {
        // Arrange: markup wherever staff and reviewers type.
        string title = Unique("Exercise <img src=x onerror=\"window.__pwned='title'\"> & <b>bold</b>");
        const string Summary = "<script>window.__pwned='summary'</script><img src=x onerror=\"window.__pwned='summary-img'\">";
        const string Comment = "<img src=x onerror=\"window.__pwned='comment'\"> Germany agrees.";
        string id = await fixture.Api.StartAsync(Proposal(title, ["FR", "DE"], summary: Summary));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Api.RespondAsync(id, "DE", "approve", Comment)).Status);

        // Act + Assert: the inbox, the consultation page and staff's list show the text as typed.
        IPage page = await this.Web.OpenAsync("/#/inbox", Tokens.Reviewer("FR"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveTextAsync(title);
        await WebAppBrowser.AssertNothingRanAsync(page, "main img, main script, main b");

        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".document")).ToHaveTextAsync(Summary);
        await Assertions.Expect(page.Locator("blockquote.comment")).ToHaveTextAsync(Comment);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Abstain" }).CheckAsync();
        await page.GetByLabel("Comment (optional)").FillAsync("<img src=x onerror=\"window.__pwned='own'\">");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review answer" }).ClickAsync();
        await Assertions.Expect(page.Locator(".confirm-summary blockquote")).ToHaveTextAsync("<img src=x onerror=\"window.__pwned='own'\">");
        await WebAppBrowser.AssertNothingRanAsync(page, "main img, main script, main b");
        Assert.Equal(title, (await page.TitleAsync())[..^" · G7Flows".Length]);

        IPage staff = await this.Web.OpenAsync("/#/consultations", Tokens.Staff());
        await Assertions.Expect(staff.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveTextAsync(title);
        await WebAppBrowser.AssertNothingRanAsync(staff, "main img, main script, main b");
        this.Web.AssertClean();
    }

    /// <summary>Waits until the disclosure's security-review task is in the caller's inbox and its due time has passed.</summary>
    private async Task<DateTimeOffset> WaitForOverdueTaskAsync(string token, string disclosureId)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        Reply reply;
        do
        {
            reply = await fixture.Api.SendAsync(HttpMethod.Get, "/api/tasks", token);
            JsonElement? task = reply.Status == HttpStatusCode.OK
                ? reply.Body.GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(t => t!.Value.GetProperty("id").GetString() == disclosureId)
                : null;
            if (task is { } found && found.GetProperty("due").GetDateTimeOffset() is var due && due < DateTimeOffset.UtcNow.AddSeconds(-1))
            {
                return due;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < giveUp);
        throw new TimeoutException($"The disclosure's security review was not overdue in the inbox in time: {reply.Text}");
    }
}
