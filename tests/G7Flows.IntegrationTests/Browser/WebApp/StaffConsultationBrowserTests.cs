using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static G7Flows.IntegrationTests.Browser.WebApp.ConsultationPages;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>
/// Staff run consultations in the browser: start one through the form (the API's validation message shown next to its
/// field first), list and filter them page by page, extend a deadline and withdraw one after confirming.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class StaffConsultationBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    [Fact]
    public async Task Staff_start_a_consultation_through_the_form_after_correcting_what_the_API_refused()
    {
        // Arrange
        string title = Unique("Joint exercise PACIFIC RESOLVE");
        IPage page = await this.Web.OpenAsync("/#/consultations/new", Tokens.Staff("secretariat@g7.example"));
        await WebAppBrowser.AssertAccessibleAsync(page, "the start form");

        // Act: one participant only (the form requires nothing about their number: the API decides).
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Joint exercise" });
        await page.GetByLabel("Proposal text").FillAsync("A humanitarian-assistance exercise off the coast, with naval and air components.");
        await page.GetByLabel("Proposed by").SelectOptionAsync(new SelectOptionValue { Label = "Japan (JP)" });
        ILocator participants = page.GetByRole(AriaRole.Group, new() { Name = "Participants" });
        await participants.GetByRole(AriaRole.Checkbox, new() { Name = "Japan (JP)" }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Decision rule" }).GetByRole(AriaRole.Radio, new() { Name = "Qualified majority" }).CheckAsync();
        await page.GetByLabel("Time to answer").FillAsync("2");
        await page.GetByLabel("Unit", new() { Exact = true }).SelectOptionAsync("D");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start consultation" }).ClickAsync();

        // Assert: the API's message, next to the participants, and nothing started.
        await Assertions.Expect(participants.Locator(".field-error")).ToContainTextAsync("Name 2 to 8 distinct participants");
        await Assertions.Expect(participants.GetByRole(AriaRole.Checkbox, new() { Name = "Canada (CA)" })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The consultation was not started");
        await WebAppBrowser.AssertAccessibleAsync(page, "the start form with a field error");

        // Act: add two participants and send again.
        await participants.GetByRole(AriaRole.Checkbox, new() { Name = "Italy (IT)" }).CheckAsync();
        await participants.GetByRole(AriaRole.Checkbox, new() { Name = "United Kingdom (GB)" }).CheckAsync();
        DateTimeOffset sent = DateTimeOffset.UtcNow;
        await page.GetByRole(AriaRole.Button, new() { Name = "Start consultation" }).ClickAsync();

        // Assert: the new consultation's page, and the API holds what the form said.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The consultation was started." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".rule-sentence")).ToContainTextAsync("Qualified majority: adopted once 2 of the 3 participants approve");
        string id = page.Url[(page.Url.IndexOf("#/consultations/", StringComparison.Ordinal) + "#/consultations/".Length)..].Split('?')[0];
        JsonElement stored = (await fixture.Api.GetAsync(id)).Body;
        Assert.Equal(title, stored.GetProperty("title").GetString());
        Assert.Equal("qualified-majority", stored.GetProperty("rule").GetString());
        Assert.Equal(["IT", "JP", "GB"], stored.GetProperty("participants").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal("JP", stored.GetProperty("proposer").GetString());
        DateTimeOffset deadline = stored.GetProperty("deadline").GetDateTimeOffset();
        Assert.InRange(deadline, sent.AddDays(2).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(2).AddMinutes(1));
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task Staff_extend_a_deadline_after_a_refused_earlier_one_and_withdraw_a_consultation_after_confirming()
    {
        // Arrange
        string title = Unique("Information-sharing arrangement on cyber threats");
        string id = await fixture.Api.StartAsync(Proposal(title, ["FR", "DE", "IT"], kind: "information-sharing", window: "P2D"));
        DateTimeOffset deadline = (await fixture.Api.GetAsync(id)).Body.GetProperty("deadline").GetDateTimeOffset();
        IPage page = await this.Web.OpenAsync($"/#/consultations/{id}", Tokens.Staff("secretariat@g7.example"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Manage" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        await WebAppBrowser.AssertAccessibleAsync(page, "a consultation for staff");

        // Act: a deadline earlier than the current one; then a later one.
        ILocator until = page.GetByLabel("New deadline (UTC)");
        await until.FillAsync(deadline.UtcDateTime.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Extend deadline" }).ClickAsync();
        await Assertions.Expect(page.Locator("form", new() { Has = until }).Locator(".field-error")).ToContainTextAsync("An extension moves the deadline later");
        await Assertions.Expect(until).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(deadline, (await fixture.Api.GetAsync(id)).Body.GetProperty("deadline").GetDateTimeOffset());
        DateTime later = new DateTime(deadline.UtcDateTime.AddDays(3).Ticks - (deadline.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        await until.FillAsync(later.ToString("yyyy-MM-dd'T'HH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Extend deadline" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The deadline was extended to " + later.ToString("yyyy-MM-dd HH:mm") + " UTC." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("(extended once)");
        Assert.Equal(new DateTimeOffset(later), (await fixture.Api.GetAsync(id)).Body.GetProperty("deadline").GetDateTimeOffset());

        // Act: withdraw, go back once, then confirm.
        await page.GetByLabel("Reason for withdrawing").FillAsync("The exercise was cancelled by the ministers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw…" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Withdraw this consultation?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep the consultation" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Reason for withdrawing")).ToBeFocusedAsync();
        Assert.Equal("Open", (await fixture.Api.GetAsync(id)).Body.GetProperty("status").GetString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm withdrawal" }).ClickAsync();

        // Assert: withdrawn, with its reason, on the page and in the API.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The withdrawal was accepted" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("Withdrawn", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".manage")).ToContainTextAsync("it can no longer be extended or withdrawn");
        JsonElement withdrawn = await fixture.Api.WaitForStatusAsync(id, "Withdrawn");
        Assert.Contains("The exercise was cancelled by the ministers.", withdrawn.GetProperty("outcome").GetProperty("reason").GetString(), StringComparison.Ordinal);
        await WebAppBrowser.AssertAccessibleAsync(page, "a withdrawn consultation for staff");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task Staff_filter_the_list_and_page_through_it_with_the_APIs_continuation()
    {
        // Arrange: six consultations with the United States, which no other test of these pages invites.
        string prefix = Unique("Policy coordination round");
        for (int i = 1; i <= 6; i++)
        {
            await fixture.Api.StartAsync(Proposal($"{prefix} {i}", ["US", "GB"], kind: "policy-coordination"));
        }

        IPage page = await this.Web.OpenAsync("/#/consultations", Tokens.Staff(), WebAppBrowser.Phone);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start a consultation" })).ToBeVisibleAsync();

        // Act
        ILocator filters = page.GetByRole(AriaRole.Search, new() { Name = "Filter consultations" });
        await filters.GetByLabel("Status").SelectOptionAsync("Open");
        await filters.GetByLabel("Participant").SelectOptionAsync("US");
        await filters.GetByLabel("Per page").SelectOptionAsync("5");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        // Assert: five rows, newest first, then the sixth on the next page.
        ILocator rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("5 consultations (status Open, with United States), newest first.");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.First).ToContainTextAsync($"{prefix} 6");
        await WebAppBrowser.AssertFitsWidthAsync(page, "the list of consultations at a phone's width");
        await WebAppBrowser.AssertAccessibleAsync(page, "the list of consultations at a phone's width");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 consultation (status Open, with United States) on this page, newest first.");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync($"{prefix} 1");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(5);

        // The row's link opens the consultation.
        await page.GetByRole(AriaRole.Link, new() { Name = $"{prefix} 6" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{prefix} 6");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task The_start_form_and_the_list_pass_axe_and_fit_a_phone_and_reviewers_are_sent_to_their_inbox()
    {
        IPage page = await this.Web.OpenAsync("/#/consultations/new", Tokens.Staff(), WebAppBrowser.Phone);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start consultation" })).ToBeVisibleAsync();
        await WebAppBrowser.AssertFitsWidthAsync(page, "the start form at a phone's width");
        await WebAppBrowser.AssertAccessibleAsync(page, "the start form at a phone's width");

        await this.Web.GoAsync(page, "/#/consultations");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consultations" })).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(WebAppBrowser.Desktop.Width, WebAppBrowser.Desktop.Height);
        await WebAppBrowser.AssertAccessibleAsync(page, "the list of consultations");

        // A consultation with its staff actions, at a phone's width.
        string id = await fixture.Api.StartAsync(Proposal(Unique("Joint exercise SOUTHERN CROSS"), ["IT", "DE"]));
        IPage manage = await this.Web.OpenAsync($"/#/consultations/{id}", Tokens.Staff(), WebAppBrowser.Phone);
        await Assertions.Expect(manage.GetByRole(AriaRole.Button, new() { Name = "Extend deadline" })).ToBeVisibleAsync();
        await WebAppBrowser.AssertFitsWidthAsync(manage, "a consultation for staff at a phone's width");
        await WebAppBrowser.AssertAccessibleAsync(manage, "a consultation for staff at a phone's width");

        IPage reviewer = await this.Web.OpenAsync("/#/consultations", Tokens.Reviewer("IT"));
        await Assertions.Expect(reviewer.GetByText("The list of all consultations is kept for staff.")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "your inbox" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await WebAppBrowser.AssertAccessibleAsync(reviewer, "the consultations page for a reviewer");
        await this.Web.AssertCleanAsync(reviewer);
    }
}
