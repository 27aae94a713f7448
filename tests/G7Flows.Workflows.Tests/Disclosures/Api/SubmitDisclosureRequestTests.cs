using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using G7Flows.Workflows.Disclosures.Api;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Publishing;

namespace G7Flows.Workflows.Tests.Disclosures.Api;

public sealed class SubmitDisclosureRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static JsonObject Valid() => new()
    {
        ["nation"] = "FR",
        ["kind"] = "defence-policy",
        ["title"] = "  Revue stratégique 2026  ",
        ["body"] = "# Summary\n\nFrance publishes its defence policy. See [the review](https://example.org/review).",
        ["commentPeriod"] = "P14D",
    };

    private static JsonObject Expenditure() => new()
    {
        ["year"] = 2025,
        ["currency"] = "EUR",
        ["gdp"] = 2_900_000_000_000m,
        ["amounts"] = new JsonObject
        {
            ["personnel"] = new JsonObject { ["land"] = 20_000_000_000m, ["air"] = 5_000_000_000m },
            ["procurementAndConstruction"] = new JsonObject { ["naval"] = 15_000_000_000m },
            ["researchAndDevelopment"] = new JsonObject { ["strategic"] = 8_000_000_000m },
        },
    };

    private static (Submission? Submission, Dictionary<string, string[]> Errors) Validate(JsonObject body) =>
        JsonSerializer.Deserialize<SubmitDisclosureRequest>(body.ToJsonString(), Json.Options)!.Validate(Now, StepDurations.Defaults);

    [Fact]
    public void A_valid_request_becomes_a_checked_submission()
    {
        // Act
        var (submission, errors) = Validate(Valid());

        // Assert
        Assert.Empty(errors);
        Assert.Equal(("FR", "defence-policy", "Revue stratégique 2026"), (submission!.Nation, submission.Kind, submission.Title));
        Assert.Equal(TimeSpan.FromDays(14), submission.CommentPeriod);
        Assert.Null(submission.EmbargoUntil);
        Assert.Null(submission.Expenditure);
        Assert.Equal(StepDurations.Defaults, submission.Due);
    }

    [Theory]
    [InlineData("nation", "XX")]
    [InlineData("nation", "fr")]
    [InlineData("kind", "budget")]
    [InlineData("title", "")]
    [InlineData("title", "a\u0007b")]
    [InlineData("body", "")]
    [InlineData("body", "   ")]
    [InlineData("body", "bell \u0007")]
    [InlineData("commentPeriod", "PT9S")]
    [InlineData("commentPeriod", "P61D")]
    [InlineData("commentPeriod", "P1M")]
    [InlineData("commentPeriod", "two weeks")]
    [InlineData("embargoUntil", "2026-06-01T09:00:00")]
    [InlineData("embargoUntil", "tomorrow")]
    [InlineData("embargoUntil", "2028-06-01T09:00:00Z")]
    public void A_bad_field_is_refused_and_named(string field, string value)
    {
        // Arrange
        JsonObject body = Valid();
        body[field] = value;

        // Act
        var (submission, errors) = Validate(body);

        // Assert
        Assert.Null(submission);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void A_missing_comment_period_is_refused()
    {
        // Arrange
        JsonObject body = Valid();
        body.Remove("commentPeriod");

        // Act
        var (_, errors) = Validate(body);

        // Assert
        Assert.Equal(["commentPeriod"], errors.Keys);
    }

    [Theory]
    [InlineData("PT10S")]
    [InlineData("P60D")]
    public void The_comment_period_bounds_are_accepted(string period)
    {
        // Arrange
        JsonObject body = Valid();
        body["commentPeriod"] = period;

        // Act
        var (submission, _) = Validate(body);

        // Assert
        Assert.NotNull(submission);
    }

    [Fact]
    public void A_body_of_200000_characters_is_accepted_and_one_more_is_refused()
    {
        // Arrange
        string paragraph = "The defence budget rises in line with the programming law. ";
        string full = string.Concat(Enumerable.Repeat(paragraph, (200_000 / paragraph.Length) + 1))[..200_000];
        JsonObject body = Valid();
        body["body"] = full;
        JsonObject longer = Valid();
        longer["body"] = full + "x";

        // Act
        var (accepted, _) = Validate(body);
        var (_, errors) = Validate(longer);

        // Assert
        Assert.NotNull(accepted);
        Assert.Contains("200,000", Assert.Single(errors["body"]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_embargo_with_its_offset_is_kept_in_utc()
    {
        // Arrange
        JsonObject body = Valid();
        body["embargoUntil"] = "2026-06-01T11:00:00+02:00";

        // Act
        var (submission, _) = Validate(body);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), submission!.EmbargoUntil);
        Assert.Equal(TimeSpan.Zero, submission.EmbargoUntil!.Value.Offset);
    }

    [Fact]
    public void A_military_expenditure_disclosure_needs_its_report()
    {
        // Arrange
        JsonObject body = Valid();
        body["kind"] = "military-expenditure";

        // Act
        var (_, errors) = Validate(body);

        // Assert
        Assert.Equal(["expenditure"], errors.Keys);
    }

    [Fact]
    public void A_military_expenditure_report_is_read_as_decimals()
    {
        // Arrange
        JsonObject body = Valid();
        body["kind"] = "military-expenditure";
        body["expenditure"] = Expenditure();

        // Act
        var (submission, errors) = Validate(body);

        // Assert
        Assert.Empty(errors);
        Assert.Equal(2025, submission!.Expenditure!.Year);
        Assert.Equal(20_000_000_000m, submission.Expenditure.Amount("personnel", "land"));
        Assert.Equal(0m, submission.Expenditure.Amount("personnel", "naval"));
    }

    [Theory]
    [InlineData("currency", "\"USD\"", "expenditure.currency")]
    [InlineData("year", "1989", "expenditure.year")]
    [InlineData("year", "2028", "expenditure.year")]
    [InlineData("gdp", "\"a lot\"", "expenditure.gdp")]
    public void A_bad_expenditure_field_is_named(string property, string json, string field)
    {
        // Arrange
        JsonObject expenditure = Expenditure();
        expenditure[property] = JsonNode.Parse(json);
        JsonObject body = Valid();
        body["kind"] = "military-expenditure";
        body["expenditure"] = expenditure;

        // Act
        var (_, errors) = Validate(body);

        // Assert
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void A_negative_amount_in_an_unknown_force_group_names_both_fields()
    {
        // Arrange
        JsonObject expenditure = Expenditure();
        expenditure["amounts"]!["personnel"]!["land"] = -1;
        expenditure["amounts"]!["personnel"]!["space"] = 1;
        JsonObject body = Valid();
        body["kind"] = "military-expenditure";
        body["expenditure"] = expenditure;

        // Act
        var (_, errors) = Validate(body);

        // Assert
        Assert.Equal(["expenditure.amounts.personnel.land", "expenditure.amounts.personnel.space"], errors.Keys.Order());
    }

    [Fact]
    public void Another_kind_may_not_carry_an_expenditure_report()
    {
        // Arrange
        JsonObject body = Valid();
        body["expenditure"] = Expenditure();

        // Act
        var (_, errors) = Validate(body);

        // Assert
        Assert.Equal(["expenditure"], errors.Keys);
    }

    [Fact]
    public void A_request_may_shorten_the_due_times_but_not_lengthen_them()
    {
        // Arrange
        JsonObject shorter = Valid();
        shorter["due"] = new JsonObject { ["security"] = "PT30S", ["final"] = "PT1M" };
        JsonObject longer = Valid();
        longer["due"] = new JsonObject { ["humanRights"] = "P6D" };

        // Act
        var (submission, _) = Validate(shorter);
        var (_, errors) = Validate(longer);

        // Assert
        Assert.Equal(new StepDurations(TimeSpan.FromSeconds(30), TimeSpan.FromDays(5), TimeSpan.FromMinutes(1)), submission!.Due);
        Assert.Equal(["due.humanRights"], errors.Keys);
    }

    [Fact]
    public void Hostile_unclosed_links_are_refused_quickly_with_the_body_named()
    {
        // Arrange: 200,000 characters that would keep Markdig busy for tens of seconds.
        JsonObject body = Valid();
        body["body"] = string.Concat(Enumerable.Repeat("[a](b", 40_000));
        var watch = Stopwatch.StartNew();

        // Act
        var (submission, errors) = Validate(body);

        // Assert
        Assert.Null(submission);
        Assert.Equal(["body"], errors.Keys);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Refusing took {watch.Elapsed}.");
    }

    [Theory]
    [InlineData("![a](b")]
    [InlineData("[a](b")]
    public void A_few_unclosed_links_before_a_long_line_are_refused_too(string unit)
    {
        // Arrange: 1,000 unclosed links, then the rest of a 190,000-character line.
        string text = string.Concat(Enumerable.Repeat(unit, 1_000)) + new string('x', 180_000);

        // Act
        string? problem = MarkdownGuard.Problem(text);

        // Assert
        Assert.NotNull(problem);
        Assert.True(MarkdownGuard.LinkScanCost(text) > MarkdownGuard.MaxLinkScan);
    }

    [Fact]
    public void Many_links_on_short_lines_pass_the_guard()
    {
        // Arrange: 2,000 well-formed links, one per line.
        string text = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"- [Item {i}](https://example.org/{i})\n"));

        // Act
        string? problem = MarkdownGuard.Problem(text);

        // Assert
        Assert.Null(problem);
    }

    [Fact]
    public void Markdown_nested_deeper_than_can_be_rendered_is_refused()
    {
        // Act
        string? problem = SubmitDisclosureRequest.BodyProblem(new string('>', 1_000) + " quote");

        // Assert
        Assert.NotNull(problem);
    }

    [Fact]
    public void Html_and_script_in_the_body_are_accepted_as_text()
    {
        // Act: raw HTML is not HTML once rendered (Markdig's DisableHtml); the body itself is kept as written.
        string? problem = SubmitDisclosureRequest.BodyProblem("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");

        // Assert
        Assert.Null(problem);
    }
}
