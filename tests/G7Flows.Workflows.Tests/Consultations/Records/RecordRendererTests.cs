using System.Text.Json;
using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Consultations.Records;

public sealed class RecordRendererTests
{
    /// <summary>A hostile value per user-supplied field, each one distinct so that a missed field shows by name.</summary>
    private static string Hostile(string field) => $"<script>alert('{field}')</script>\"'&<>";

    /// <summary>The same value as HtmlEncoder.Default writes it.</summary>
    private static string Encoded(string field) => $"&lt;script&gt;alert(&#x27;{field}&#x27;)&lt;/script&gt;&quot;&#x27;&amp;&lt;&gt;";

    private static readonly string[] Fields =
    [
        "title", "summary", "kind", "rule", "status", "proposer", "participant", "created-by", "reason",
        "nation", "position", "respondent", "comment", "actor", "action", "timeline-nation", "detail",
    ];

    private static ConsultationRecord HostileRecord()
    {
        DateTimeOffset at = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        return new ConsultationRecordBuilder()
            .With(v => v with
            {
                Title = Hostile("title"),
                Summary = Hostile("summary"),
                Kind = Hostile("kind"),
                Rule = Hostile("rule"),
                Status = Hostile("status"),
                Proposer = Hostile("proposer"),
                Participants = ["FR", Hostile("participant")],
                CreatedBy = Hostile("created-by"),
                Outcome = new OutcomeView("Withdrawn", Hostile("reason"), at, "staff"),
                Positions = [new PositionView(Hostile("nation"), Hostile("position"), Hostile("respondent"), at, Hostile("comment"), Late: true, Counted: false)],
            })
            .WithTimeline(new TimelineEntry(at, Hostile("actor"), Hostile("action"), Hostile("timeline-nation"), Hostile("detail")))
            .Build();
    }

    [Fact]
    public void Every_user_supplied_string_is_html_encoded()
    {
        // Act
        string html = RecordRenderer.ToHtml(HostileRecord());

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"'&<>", html, StringComparison.Ordinal);
        Assert.All(Fields, field =>
        {
            Assert.DoesNotContain(Hostile(field), html, StringComparison.Ordinal);
            Assert.Contains(Encoded(field), html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_title_is_encoded_in_the_page_title_and_in_the_heading()
    {
        // Act
        string html = RecordRenderer.ToHtml(HostileRecord());

        // Assert
        Assert.Contains($"<title>Consultation record: {Encoded("title")}</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{Encoded("title")}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_shows_the_outcome_every_position_and_the_timeline()
    {
        // Arrange
        ConsultationRecord record = new ConsultationRecordBuilder().Build();

        // Act
        string html = RecordRenderer.ToHtml(record);

        // Assert
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("2 of 3 approved; 2 were required.", html, StringComparison.Ordinal);
        Assert.Contains("(closed 2026-03-02 14:00:00 UTC)", html, StringComparison.Ordinal);
        Assert.Contains("threshold 0.667, 2 approvals required", html, StringComparison.Ordinal);
        Assert.Contains("(extended 1 time(s))", html, StringComparison.Ordinal);
        string gb = Assert.Single(html.Split('\n'), line => line.StartsWith("<tr><td>GB</td>", StringComparison.Ordinal));
        Assert.StartsWith("<tr><td>GB</td><td>pending</td>", gb, StringComparison.Ordinal);
        Assert.EndsWith("<td></td><td>no</td></tr>", gb, StringComparison.Ordinal);
        Assert.Contains("We support it.", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<li>").Length - 1);
    }

    [Fact]
    public void A_late_position_is_marked_late_and_not_counted()
    {
        // Arrange
        ConsultationRecord record = new ConsultationRecordBuilder()
            .With(v => v with { Positions = [new PositionView("GB", "object", "Reviewer GB", v.Deadline.AddMinutes(1), null, Late: true, Counted: false)] })
            .Build();

        // Act
        string html = RecordRenderer.ToHtml(record);

        // Assert
        Assert.Contains("<td>object (late)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>no</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_record_is_valid_json_with_the_consultation_and_the_timeline()
    {
        // Arrange
        ConsultationRecord record = new ConsultationRecordBuilder().Build();

        // Act
        using JsonDocument json = JsonDocument.Parse(RecordRenderer.ToJson(record));

        // Assert
        JsonElement root = json.RootElement;
        Assert.Equal("abcdefghijklmnopqrstuvwxyz", root.GetProperty("id").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T14:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("closedAt").GetDateTimeOffset());
        JsonElement consultation = root.GetProperty("consultation");
        Assert.Equal("Joint exercise Atlantic Shield", consultation.GetProperty("title").GetString());
        Assert.Equal("qualified-majority", consultation.GetProperty("rule").GetString());
        Assert.Equal(2, consultation.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal(["FR", "DE", "GB"], consultation.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(3, consultation.GetProperty("positions").GetArrayLength());
        Assert.Equal("Reviewer FR", consultation.GetProperty("positions")[0].GetProperty("respondent").GetString());
        Assert.Equal("Adopted", consultation.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, consultation.GetProperty("record").ValueKind);
        Assert.Equal(3, root.GetProperty("timeline").GetArrayLength());
        Assert.Equal("consultation-closed", root.GetProperty("timeline")[2].GetProperty("action").GetString());
    }

    [Fact]
    public void The_json_record_keeps_hostile_strings_as_data()
    {
        // Act
        using JsonDocument json = JsonDocument.Parse(RecordRenderer.ToJson(HostileRecord()));

        // Assert
        Assert.Equal(Hostile("title"), json.RootElement.GetProperty("consultation").GetProperty("title").GetString());
        Assert.Equal(Hostile("detail"), json.RootElement.GetProperty("timeline")[0].GetProperty("detail").GetString());
    }
}
