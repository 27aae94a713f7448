using System.Text.Json;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Tests.Reports.Facts;

public sealed class CompactFactTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 3, 9, 15, 42, TimeSpan.Zero);

    private static ConsultationFact Fact(string title = "Joint exercise NORTHERN SHIELD", params NationAnswer[] answers) => new(
        "0193f2c4-7d1e-7c2a-9b51-3f0d8e6a1b22",
        title,
        "joint-exercise",
        "Adopted",
        "FR",
        Opened,
        Opened.AddDays(3).AddTicks(1234567),
        answers.Length > 0 ? answers : [new("FR", "approve", AnswerTimings.OnTime, 3600.25), new("DE", null, AnswerTimings.Silent, null)]);

    /// <summary>Exact comparison: JSON holds every field, the offsets of the times and the doubles to the last bit.</summary>
    private static string Exactly(ConsultationFact fact) => JsonSerializer.Serialize(fact, Json.Options);

    public static TheoryData<ConsultationFact> Facts() => new()
    {
        Fact(),
        Fact(title: ""),
        Fact(title: "Pipes | semicolons; commas, \"quotes\", back\\slash, <b>tags</b> & line\nbreaks"),
        Fact(title: "Übung «Nordschild» — 北の盾 🛡"),
        Fact(title: "c2|not|a|header"),
        Fact("t", new NationAnswer("FR", "approve", AnswerTimings.OnTime, 0.1 + 0.2), new NationAnswer("IT", "abstain", AnswerTimings.OnTime, 1e-7)),
        Fact("t", new NationAnswer("JP", "object", AnswerTimings.OnTime, 604_799.999_999_9), new NationAnswer("GB", null, AnswerTimings.Late, null)),
        Fact("t", new NationAnswer("XX", "maybe", "someday", 12)),
        Fact() with { Answers = [] },
        Fact() with { OpenedAt = new DateTimeOffset(2026, 11, 3, 9, 15, 42, TimeSpan.FromHours(5.5)), ClosedAt = new DateTimeOffset(2026, 11, 30, 23, 59, 59, 999, TimeSpan.FromHours(-8)) },
        Fact() with { Id = "", Kind = "a-kind-not-known-yet", Outcome = "ADOPTED", Proposer = "EU" },
    };

    [Theory]
    [MemberData(nameof(Facts))]
    public void A_fact_read_back_from_its_compact_form_is_exactly_the_fact_written(ConsultationFact fact)
    {
        // Act
        string? body = CompactFact.TryEncode(fact);

        // Assert
        Assert.NotNull(body);
        Assert.True(CompactFact.IsCompact(body));
        Assert.Equal(Exactly(fact), Exactly(CompactFact.Decode(body)));
    }

    [Fact]
    public void The_compact_form_is_one_readable_line_under_half_the_jsons_size()
    {
        // Arrange: seven answers, as a G7 consultation has.
        ConsultationFact fact = Fact("Joint exercise NORTHERN SHIELD", [.. new[] { "CA", "FR", "DE", "IT", "JP", "GB", "US" }.Select((n, i) => new NationAnswer(n, "approve", AnswerTimings.OnTime, 3600 * (i + 1)))]);

        // Act
        string body = CompactFact.TryEncode(fact)!;

        // Assert
        Assert.Equal(
            "c2|0193f2c4-7d1e-7c2a-9b51-3f0d8e6a1b22|joint-exercise|Adopted|FR|2026-11-03T09:15:42.0000000+00:00|2026-11-06T09:15:42.1234567+00:00|"
            + "CA,approve,on-time,3600;FR,approve,on-time,7200;DE,approve,on-time,10800;IT,approve,on-time,14400;JP,approve,on-time,18000;GB,approve,on-time,21600;US,approve,on-time,25200"
            + "|Joint exercise NORTHERN SHIELD",
            body);
        Assert.InRange(body.Length, 1, Exactly(fact).Length / 2);
        Assert.DoesNotContain('"', body);
    }

    public static TheoryData<ConsultationFact> FactsForJson() => new()
    {
        Fact() with { Id = "a|b" },
        Fact() with { Kind = "joint|exercise" },
        Fact() with { Outcome = "Adopted|" },
        Fact() with { Proposer = "F|R" },
        Fact("t", new NationAnswer("F,R", "approve", AnswerTimings.OnTime, 1)),
        Fact("t", new NationAnswer("FR", "app;rove", AnswerTimings.OnTime, 1)),
        Fact("t", new NationAnswer("FR", "approve", "on|time", 1)),
        Fact("t", new NationAnswer("FR", string.Empty, AnswerTimings.OnTime, 1)),
    };

    [Theory]
    [MemberData(nameof(FactsForJson))]
    public void A_fact_the_compact_form_cannot_hold_exactly_is_stored_as_json(ConsultationFact fact)
    {
        // Act
        string? compact = CompactFact.TryEncode(fact);
        FactEntity row = FactStore.ToEntity(fact);

        // Assert
        Assert.Null(compact);
        Assert.StartsWith("{", row.Body, StringComparison.Ordinal);
        Assert.False(CompactFact.IsCompact(row.Body));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_time_to_answer_that_is_not_finite_has_no_compact_form(double seconds)
    {
        // Act and Assert (JSON refuses it too, as it always did)
        Assert.Null(CompactFact.TryEncode(Fact("t", new NationAnswer("FR", "approve", AnswerTimings.OnTime, seconds))));
    }

    [Fact]
    public void A_consultations_row_holds_the_compact_form_and_a_disclosures_row_json()
    {
        // Arrange
        var disclosure = new DisclosureFact("d1", "Budget", "military-expenditure", "FR", DisclosureOutcomes.Published, Opened, Opened.AddDays(9), Opened.AddDays(9), 1, 2, 1, 2.1, 25);

        // Act
        FactEntity consultationRow = FactStore.ToEntity(Fact());
        FactEntity disclosureRow = FactStore.ToEntity(disclosure);

        // Assert
        Assert.StartsWith(CompactFact.ConsultationPrefix, consultationRow.Body, StringComparison.Ordinal);
        Assert.Equal(("c-0193f2c4-7d1e-7c2a-9b51-3f0d8e6a1b22", "consultation"), (consultationRow.RowKey, consultationRow.Kind));
        Assert.Equal(JsonSerializer.Serialize(disclosure, Json.Options), disclosureRow.Body);
    }

    [Theory]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("c1|x")]
    [InlineData("")]
    public void Decoding_refuses_a_body_that_is_not_the_compact_form(string body)
    {
        // Act and Assert
        Assert.Throws<FormatException>(() => CompactFact.Decode(body));
    }

    [Fact]
    public void Decoding_refuses_a_compact_body_that_was_cut_short()
    {
        // Arrange
        string body = CompactFact.TryEncode(Fact())!;

        // Act and Assert: the times are missing or cut.
        Assert.Throws<FormatException>(() => CompactFact.Decode(body[..body.IndexOf("|2026-11-03", StringComparison.Ordinal)]));
        Assert.Throws<FormatException>(() => CompactFact.Decode(body[..(body.IndexOf("|2026-11-03", StringComparison.Ordinal) + 8)]));
    }
}
