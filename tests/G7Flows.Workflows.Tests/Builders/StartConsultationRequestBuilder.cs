using System.Globalization;
using G7Flows.Workflows.Consultations.Api;

namespace G7Flows.Workflows.Tests.Builders;

/// <summary>
/// A valid request to start a consultation, and a way to change one field from a test table. Values in tables:
/// <c>null</c> is null, <c>x*201</c> is 201 times <c>x</c>, lists are comma-separated (an item <c>null</c> is null).
/// </summary>
internal sealed class StartConsultationRequestBuilder
{
    private readonly StartConsultationRequest request = new()
    {
        Title = "Joint exercise Atlantic Shield 2026",
        Kind = "joint-exercise",
        Summary = "A two-week maritime exercise in the North Atlantic.\nObjectives: interoperability and search and rescue.",
        Proposer = "FR",
        Participants = ["FR", "DE", "GB"],
        Rule = "unanimity",
        Threshold = null,
        ResponseWindow = "P7D",
        Reminders = ["P1D"],
    };

    public static StartConsultationRequestBuilder Valid() => new();

    public StartConsultationRequestBuilder With(Action<StartConsultationRequest> change)
    {
        change(this.request);
        return this;
    }

    /// <summary>Sets one field from its wire name and a table value.</summary>
    public StartConsultationRequestBuilder WithField(string field, string? value)
    {
        string? text = Expand(value);
        switch (field)
        {
            case "title": this.request.Title = text; break;
            case "kind": this.request.Kind = text; break;
            case "summary": this.request.Summary = text; break;
            case "proposer": this.request.Proposer = text; break;
            case "participants": this.request.Participants = List(text); break;
            case "rule": this.request.Rule = text; break;
            case "threshold": this.request.Threshold = text is null ? null : double.Parse(text, CultureInfo.InvariantCulture); break;
            case "responseWindow": this.request.ResponseWindow = text; break;
            case "reminders": this.request.Reminders = List(text); break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a field of the request.");
        }

        return this;
    }

    public StartConsultationRequest Build() => this.request;

    private static string? Expand(string? value)
    {
        if (value is null || value == "null")
        {
            return null;
        }

        int star = value.LastIndexOf('*');
        return star > 0 && int.TryParse(value.AsSpan(star + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int times)
            ? string.Concat(Enumerable.Repeat(value[..star], times))
            : value;
    }

    private static List<string?>? List(string? text) =>
        text is null ? null : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(item => item == "null" ? null : item)];
}
