using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static G7Flows.IntegrationTests.Infrastructure.DisclosureClient;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>The disclosure list (staff filter every disclosure, reviewers see their steps) and the submission form.</summary>
[Collection(WebAppCollection.Name)]
public sealed class DisclosureListBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    [Fact]
    public async Task Staff_submit_a_disclosure_through_the_form_after_a_validation_error_and_find_it_in_the_filtered_list()
    {
        // Arrange
        string title = "Arms-transfer summary " + Guid.NewGuid().ToString("N")[..8];
        IPage page = await this.Web.OpenAsync("/#/disclosures", Tokens.Staff());
        await page.GetByRole(AriaRole.Link, new() { Name = "Submit a disclosure" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Submit a disclosure", Level = 1 })).ToBeVisibleAsync();
        await WebAppBrowser.AssertAccessibleAsync(page, "the submission form");

        // Act 1: a comment period the API refuses.
        await page.GetByLabel("Nation").SelectOptionAsync("DE");
        await page.GetByLabel("Kind").SelectOptionAsync("arms-transfer-summary");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("# Arms transfers 2025\n\nThe licences granted, by region.");
        await page.GetByLabel("Comment period").FillAsync("two weeks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for screening" }).ClickAsync();

        // Assert 1: the API's message next to the field.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("correct the fields marked below");
        await Assertions.Expect(page.GetByLabel("Comment period")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-field=commentPeriod] .field-error")).ToBeVisibleAsync();

        // Act 2
        await page.GetByLabel("Comment period").FillAsync("P7D");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for screening" }).ClickAsync();

        // Assert 2: the new disclosure's page, and the API holds it.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The disclosure was submitted and is being screened.")).ToBeVisibleAsync();
        string id = page.Url.Split("#/disclosures/")[1].Split('?')[0];
        var api = new DisclosureClient(fixture.Server);
        JsonElement stored = await api.WaitForStatusAsync(id, "SecurityReview");
        Assert.Equal(("DE", "arms-transfer-summary", title), (stored.GetProperty("nation").GetString(), stored.GetProperty("kind").GetString(), stored.GetProperty("title").GetString()));

        // Act 3: the list filtered to German disclosures in security review.
        await this.Web.GoAsync(page, "/#/disclosures");
        await page.GetByLabel("Status").SelectOptionAsync("SecurityReview");
        await page.GetByLabel("Nation").SelectOptionAsync("DE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        // Assert 3
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/disclosures\\?status=SecurityReview&nation=DE$"));
        await WebAppBrowser.ShownAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        ILocator rows = page.Locator("tbody tr");
        Assert.True(await rows.CountAsync() >= 1);
        ILocator otherNation = rows.Filter(new() { HasNot = page.Locator("td:nth-child(2)", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^DE$") }) });
        ILocator otherStatus = rows.Filter(new() { HasNot = page.Locator("td:nth-child(4)", new() { HasText = "Security review" }) });
        await Assertions.Expect(otherNation).ToHaveCountAsync(0);
        await Assertions.Expect(otherStatus).ToHaveCountAsync(0);

        await WebAppBrowser.AssertAccessibleAsync(page, "the filtered list");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task A_security_reviewer_sees_the_steps_waiting_for_them_and_staff_withdraw_a_disclosure()
    {
        // Arrange
        var api = new DisclosureClient(fixture.Server);
        string title = "Withdrawn policy " + Guid.NewGuid().ToString("N")[..8];
        string id = await api.SubmitAsync(Submission(nation: "IT", title: title, commentPeriod: "P7D"));
        await api.WaitForStatusAsync(id, "SecurityReview");

        // Act 1: Italy's security reviewer, at a phone's width.
        IPage reviewer = await this.Web.OpenAsync("/#/disclosures?step=security", Tokens.SecurityReviewer("IT"), WebAppBrowser.Phone);

        // Assert 1
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Disclosures waiting for you" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("href", $"#/disclosures/{id}");
        await WebAppBrowser.AssertAccessibleAsync(reviewer, "the reviewer's disclosure list at a phone's width");
        await WebAppBrowser.AssertFitsWidthAsync(reviewer, "the list at a phone's width");

        // Act 2: staff withdraw it, confirming.
        IPage staff = await this.Web.OpenAsync($"/#/disclosures/{id}", Tokens.Staff());
        await staff.GetByLabel("Reason").FillAsync("Superseded by the white paper.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Withdraw…" }).ClickAsync();
        await Assertions.Expect(staff.GetByText("Press the button again to confirm.")).ToBeVisibleAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Confirm: withdraw the disclosure" }).ClickAsync();

        // Assert 2
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).Filter(new() { HasText = "The disclosure was withdrawn" })).ToBeVisibleAsync();
        JsonElement withdrawn = await api.WaitForStatusAsync(id, "Withdrawn");
        Assert.Contains("Superseded by the white paper.", withdrawn.GetProperty("outcomeReason").GetString(), StringComparison.Ordinal);
        await this.Web.AssertCleanAsync(staff);
        this.Web.AssertClean();
    }
}
