using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>The staff's reports page: the published reports, and a report asked for a period, with every answer in plain words.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ReportBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    [Fact]
    public async Task Staff_ask_for_a_report_and_see_each_answer_in_plain_words()
    {
        // Arrange
        string published = await ReportPages.PublishAsync(fixture.Api, fixture.Server, "2025-03");
        string nextMonth = DateTime.UtcNow.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        IPage page = await this.Web.OpenAsync("/#/reports", Tokens.Staff());
        ILocator period = page.GetByLabel("Period", new() { Exact = true });
        ILocator make = page.GetByRole(AriaRole.Button, new() { Name = "Make the report" });

        // The published report is listed with links to its renderings.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Page of the report for {published}" })).ToBeVisibleAsync();
        await WebAppBrowser.AssertAccessibleAsync(page, "the reports page");

        // Act and assert: a period that is not one (400, next to the field).
        await period.FillAsync("November");
        await make.ClickAsync();
        await Assertions.Expect(page.GetByText("Use a month (2026-11) or a quarter (2026-Q4).")).ToBeVisibleAsync();
        await Assertions.Expect(period).ToHaveAttributeAsync("aria-invalid", "true");

        // A period that has not ended (409).
        await period.FillAsync(nextMonth);
        await make.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{nextMonth} has not ended yet" })).ToBeVisibleAsync();

        // A published period (200).
        await period.FillAsync(published);
        await make.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"The report for {published} is published already" })).ToBeVisibleAsync();

        // A period without a report (202), which is then published.
        await period.FillAsync("2024-Q2");
        await make.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The report for 2024-Q2 is being made" })).ToBeVisibleAsync();
        Assert.Equal("2024-Q2", await ReportPages.PublishAsync(fixture.Api, fixture.Server, "2024-Q2"));

        // At a phone's width.
        IPage phone = await this.Web.OpenAsync("/#/reports", Tokens.Staff(), WebAppBrowser.Phone);
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Page of the report for 2024-Q2" })).ToBeVisibleAsync();
        await WebAppBrowser.AssertAccessibleAsync(phone, "the reports page at a phone's width");
        await WebAppBrowser.AssertFitsWidthAsync(phone, "the reports page at a phone's width");
        await this.Web.AssertCleanAsync(phone);
    }

    [Fact]
    public async Task A_reviewer_is_told_that_only_staff_ask_for_reports()
    {
        IPage page = await this.Web.OpenAsync("/#/reports", Tokens.Reviewer("FR"));

        await Assertions.Expect(page.GetByText("Only staff request reports.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Period", new() { Exact = true })).ToHaveCountAsync(0);
        await this.Web.AssertCleanAsync(page);
    }
}
