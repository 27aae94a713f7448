using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static G7Flows.IntegrationTests.Browser.WebApp.ConsultationPages;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>
/// A nation's reviewer answers a consultation in the browser: from the inbox to the page, the answer with its
/// confirmation step, and what happens next in plain words (recorded and counted, already answered, closed); and a
/// reviewer of another nation can neither see nor answer for the first nation.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ConsultationAnswerBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    [Fact]
    public async Task A_reviewer_finds_the_task_in_the_inbox_answers_after_confirming_and_sees_the_outcome()
    {
        // Arrange: France and Germany under unanimity; Germany has approved, so France's answer decides.
        string title = Unique("Joint exercise NORTHERN SHIELD");
        string id = await fixture.Api.StartAsync(Proposal(title, ["FR", "DE"]));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await fixture.Api.RespondAsync(id, "DE", "approve", "Germany agrees.")).Status);

        // Act: the inbox lists the task; its link opens the consultation.
        IPage page = await this.Web.OpenAsync("/#/inbox", Tokens.Reviewer("FR", "reviewer.fr@g7.example"));
        ILocator task = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Assertions.Expect(task).ToContainTextAsync("Answer for France: approve, object or abstain.");
        await Assertions.Expect(task).ToContainTextAsync("Due in");
        await WebAppBrowser.AssertAccessibleAsync(page, "the inbox with a consultation task");
        await task.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();

        // Assert: the proposal, its rule in a sentence, the positions so far and the form for France only.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".rule-sentence")).ToHaveTextAsync("Unanimity: adopted when all 2 participants approve or abstain; a single objection rejects it, and if anyone is still silent at the deadline it expires.");
        ILocator germany = page.GetByRole(AriaRole.List, new() { Name = "Positions of the participants" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Germany" });
        await Assertions.Expect(germany).ToContainTextAsync("Approve");
        await Assertions.Expect(germany).ToContainTextAsync("Germany agrees.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answer for France" })).ToBeVisibleAsync();
        await WebAppBrowser.AssertAccessibleAsync(page, "a consultation with the answer form");

        // Act: choose, review, go back, review again and confirm.
        ILocator group = page.GetByRole(AriaRole.Group, new() { Name = "France's position" });
        await group.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await page.GetByLabel("Comment (optional)").FillAsync("France supports the exercise.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review answer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your answer" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".confirm-summary")).ToContainTextAsync("You answer for France: Approve");
        await WebAppBrowser.AssertAccessibleAsync(page, "the answer's confirmation step");
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Assertions.Expect(group.GetByRole(AriaRole.Radio, new() { Name = "Approve" })).ToBeCheckedAsync();
        Assert.Equal("pending", PositionOf((await fixture.Api.GetAsync(id)).Body, "FR").GetProperty("position").GetString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Review answer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();

        // Assert: recorded and counted, then the outcome; the API holds the same.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your answer (approve) was recorded and counts toward the outcome." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("Adopted", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".answer")).ToContainTextAsync("France answered: approve");
        var stored = await fixture.Api.WaitForStatusAsync(id, "Adopted");
        JsonAssert(PositionOf(stored, "FR"), "approve", "France supports the exercise.", "reviewer.fr@g7.example");

        // The task has left the inbox.
        await this.Web.GoAsync(page, "/#/inbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your inbox" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task Answering_again_shows_what_the_nation_already_answered()
    {
        // Arrange: a qualified majority of three, where France's abstention does not decide; the page is open with its form.
        string title = Unique("Information-sharing arrangement on maritime threats");
        string id = await fixture.Api.StartAsync(Proposal(title, ["FR", "DE", "IT"], rule: "qualified-majority", kind: "information-sharing"));
        IPage page = await this.Web.OpenAsync($"/#/consultations/{id}", Tokens.Reviewer("FR"), WebAppBrowser.Phone);
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "France's position" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".rule-sentence")).ToContainTextAsync("Qualified majority: adopted once 2 of the 3 participants approve");
        await WebAppBrowser.AssertAccessibleAsync(page, "a consultation with the answer form at a phone's width");
        await WebAppBrowser.AssertFitsWidthAsync(page, "the consultation page at a phone's width");

        // Act: a colleague answers for France meanwhile; this reviewer then sends a different answer.
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await fixture.Api.RespondAsync(id, "FR", "abstain", "France abstains.")).Status);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review answer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();

        // Assert: the refusal in plain words, and what was answered; the stored answer is unchanged.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("France already answered this consultation; your answer (approve) was not recorded.");
        await Assertions.Expect(page.Locator(".answer")).ToContainTextAsync("France answered: abstain");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        var consultation = (await fixture.Api.GetAsync(id)).Body;
        Assert.Equal("abstain", PositionOf(consultation, "FR").GetProperty("position").GetString());
        await WebAppBrowser.AssertAccessibleAsync(page, "the already-answered message at a phone's width");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task An_answer_to_a_consultation_that_closed_meanwhile_is_not_counted_and_the_page_says_so()
    {
        // Arrange: the page is open with its form; then staff withdraw the consultation.
        string title = Unique("Policy coordination on export controls");
        string id = await fixture.Api.StartAsync(Proposal(title, ["FR", "GB"], kind: "policy-coordination"));
        IPage page = await this.Web.OpenAsync($"/#/consultations/{id}", Tokens.Reviewer("FR"));
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "France's position" })).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await fixture.Api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/withdraw", Tokens.Staff(), new { reason = "Superseded by the ministers' statement." })).Status);
        await fixture.Api.WaitForStatusAsync(id, "Withdrawn");

        // Act
        await page.GetByRole(AriaRole.Radio, new() { Name = "Object" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review answer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();

        // Assert: not counted, said plainly; the page now shows the closed consultation without a form.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The consultation closed before your answer arrived; it was not counted.");
        await Assertions.Expect(page.Locator(".answer")).ToContainTextAsync("The consultation is closed (Withdrawn); answers are no longer taken.");
        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("Withdrawn");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        Assert.Equal("pending", PositionOf((await fixture.Api.GetAsync(id)).Body, "FR").GetProperty("position").GetString());

        // A fresh visit shows the closed consultation and no form either.
        await this.Web.GoAsync(page, $"/#/consultations/{id}");
        await Assertions.Expect(page.Locator(".consultation-status")).ToContainTextAsync("Withdrawn");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        await WebAppBrowser.AssertAccessibleAsync(page, "a withdrawn consultation");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task A_second_nations_reviewer_neither_sees_nor_can_answer_the_first_nations_task()
    {
        // Arrange: France and Italy take part; Germany does not.
        string title = Unique("Mutual-defence consultation on the eastern flank");
        string id = await fixture.Api.StartAsync(Proposal(title, ["FR", "IT"], kind: "mutual-defence"));
        IPage france = await this.Web.OpenAsync("/#/inbox", Tokens.Reviewer("FR"));
        await Assertions.Expect(france.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();

        // Act + Assert: Germany's inbox has no such task, the page refuses, and no form is shown.
        IPage germany = await this.Web.OpenAsync("/#/inbox", Tokens.Reviewer("DE"));
        await Assertions.Expect(germany.GetByRole(AriaRole.Heading, new() { Name = "Your inbox" })).ToBeVisibleAsync();
        await Assertions.Expect(germany.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
        await this.Web.GoAsync(germany, $"/#/consultations/{id}");
        await Assertions.Expect(germany.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not your consultation");
        await Assertions.Expect(germany.GetByRole(AriaRole.Alert)).ToContainTextAsync("DE does not take part in this consultation.");
        await Assertions.Expect(germany.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        await Assertions.Expect(germany.GetByText(title)).ToHaveCountAsync(0);
        await WebAppBrowser.AssertAccessibleAsync(germany, "a consultation the caller may not see");

        // Italy takes part: it sees the consultation and answers for Italy only.
        IPage italy = await this.Web.OpenAsync($"/#/consultations/{id}", Tokens.Reviewer("IT"));
        await Assertions.Expect(italy.GetByRole(AriaRole.Heading, new() { Name = "Your answer for Italy" })).ToBeVisibleAsync();
        await Assertions.Expect(italy.GetByRole(AriaRole.Group, new() { Name = "Italy's position" })).ToBeVisibleAsync();
        await Assertions.Expect(italy.GetByRole(AriaRole.Group, new() { Name = "France's position" })).ToHaveCountAsync(0);
        await Assertions.Expect(italy.GetByRole(AriaRole.Heading, new() { Name = "Your answer for France" })).ToHaveCountAsync(0);

        // A request for France sent with either page's own sign-in is refused by the API.
        Assert.Equal(403, await PostFromPageAsync(germany, $"/api/consultations/{id}/responses/FR", new { position = "object" }));
        Assert.Equal(403, await PostFromPageAsync(italy, $"/api/consultations/{id}/responses/FR", new { position = "object" }));
        var consultation = (await fixture.Api.GetAsync(id)).Body;
        Assert.Equal("pending", PositionOf(consultation, "FR").GetProperty("position").GetString());
        Assert.Equal("Open", consultation.GetProperty("status").GetString());
        this.Web.AssertClean();
    }

    [Fact]
    public async Task A_reviewer_answers_with_the_keyboard_alone_and_sees_the_APIs_message_next_to_the_comment_first()
    {
        // Arrange
        string title = Unique("Joint exercise STEADFAST HARBOUR");
        string id = await fixture.Api.StartAsync(Proposal(title, ["FR", "DE", "IT"]));
        IPage page = await this.Web.OpenAsync($"/#/consultations/{id}", Tokens.Reviewer("FR"));
        ILocator comment = page.GetByLabel("Comment (optional)");

        // Act: arrow keys choose, Tab moves on, Enter presses; the comment is longer than the API takes.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(comment).ToBeFocusedAsync();
        await page.Keyboard.InsertTextAsync(new string('x', 4001));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your answer" })).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".confirm-summary")).ToContainTextAsync("You answer for France: Object");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        // Assert: the API's message next to the comment, which has the focus; nothing stored.
        await Assertions.Expect(page.Locator(".field", new() { Has = comment }).Locator(".field-error")).ToHaveTextAsync("The comment is limited to 4,000 characters.");
        await Assertions.Expect(comment).ToBeFocusedAsync();
        await Assertions.Expect(comment).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Object" })).ToBeCheckedAsync();
        Assert.Equal("pending", PositionOf((await fixture.Api.GetAsync(id)).Body, "FR").GetProperty("position").GetString());
        await WebAppBrowser.AssertAccessibleAsync(page, "the answer form with a field error");

        // Act: a shorter comment, then review and confirm with the keyboard again.
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync("France cannot commit forces in that period.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your answer" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        // Assert: recorded; an objection under unanimity rejects it.
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your answer (object) was recorded and counts toward the outcome." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("Rejected", new() { Timeout = 30_000 });
        var stored = await fixture.Api.WaitForStatusAsync(id, "Rejected");
        JsonAssert(PositionOf(stored, "FR"), "object", "France cannot commit forces in that period.", "reviewer.fr@g7.example");

        // An address with no consultation says so.
        await this.Web.GoAsync(page, "/#/consultations/no-such-consultation");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consultation not found");
        await this.Web.AssertCleanAsync(page);
    }

    private static void JsonAssert(System.Text.Json.JsonElement position, string expected, string comment, string respondent)
    {
        Assert.Equal(expected, position.GetProperty("position").GetString());
        Assert.Equal(comment, position.GetProperty("comment").GetString());
        Assert.Equal(respondent, position.GetProperty("respondent").GetString());
        Assert.True(position.GetProperty("counted").GetBoolean(), "The answer is stored but not counted.");
    }
}
