using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>The body of <c>POST /api/consultations</c>, as sent; <see cref="Validate"/> turns it into a checked proposal.</summary>
public sealed class StartConsultationRequest
{
    public string? Title { get; set; }

    public string? Kind { get; set; }

    public string? Summary { get; set; }

    public string? Proposer { get; set; }

    public List<string?>? Participants { get; set; }

    public string? Rule { get; set; }

    public double? Threshold { get; set; }

    public string? ResponseWindow { get; set; }

    public List<string?>? Reminders { get; set; }

    public (Proposal? Proposal, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        string? title = this.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            Error("title", "Give a title of 1 to 200 characters.");
        }
        else if (!TextRules.IsCleanLine(title))
        {
            Error("title", "The title may not contain control characters or invalid Unicode.");
        }

        if (!WireNames.TryParseKind(this.Kind, out ConsultationKind kind))
        {
            Error("kind", $"Use one of: {string.Join(", ", WireNames.KindNames)}.");
        }

        string summary = this.Summary ?? string.Empty;
        if (summary.Length > 20_000)
        {
            Error("summary", "The summary is limited to 20,000 characters.");
        }
        else if (!TextRules.IsCleanText(summary))
        {
            Error("summary", "The summary may not contain control characters (other than line breaks and tabs) or invalid Unicode.");
        }

        var participants = new List<string>();
        if (this.Participants is null || this.Participants.Count is < 2 or > 8)
        {
            Error("participants", $"Name 2 to 8 distinct participants from: {string.Join(", ", Nations.All)}.");
        }
        else
        {
            foreach (string? code in this.Participants)
            {
                if (!Nations.IsKnown(code))
                {
                    Error("participants", $"'{TextRules.Printable(code)}' is not a participant code; use {string.Join(", ", Nations.All)}.");
                    break;
                }

                if (participants.Contains(code!))
                {
                    Error("participants", $"{code} is named twice.");
                    break;
                }

                participants.Add(code!);
            }
        }

        if (!Nations.IsKnown(this.Proposer))
        {
            Error("proposer", $"Use one of: {string.Join(", ", Nations.All)}.");
        }
        else if (!errors.ContainsKey("participants") && !participants.Contains(this.Proposer!))
        {
            Error("proposer", "The proposer must be one of the participants.");
        }

        double threshold = DecisionRules.DefaultThreshold;
        if (!WireNames.TryParseRule(this.Rule, out DecisionRule rule))
        {
            Error("rule", $"Use one of: {string.Join(", ", WireNames.RuleNames)}.");
        }
        else if (rule == DecisionRule.QualifiedMajority)
        {
            if (this.Threshold is { } t)
            {
                if (double.IsNaN(t) || t <= 0.5 || t > 1)
                {
                    Error("threshold", "The threshold must be above 0.5 and at most 1.");
                }
                else
                {
                    threshold = t;
                }
            }
        }
        else if (this.Threshold is not null)
        {
            Error("threshold", "A threshold applies only to the qualified-majority rule.");
        }

        TimeSpan window = TimeSpan.Zero;
        if (!IsoDuration.TryParse(this.ResponseWindow, out window) || window < TimeSpan.FromSeconds(10) || window > TimeSpan.FromDays(90))
        {
            Error("responseWindow", "Give an ISO-8601 duration from PT10S to P90D, such as P7D or PT2H.");
        }

        var reminders = new List<TimeSpan>();
        if (this.Reminders is { Count: > 10 })
        {
            Error("reminders", "At most 10 reminders.");
        }
        else
        {
            foreach (string? text in this.Reminders ?? [])
            {
                if (!IsoDuration.TryParse(text, out TimeSpan before) || before <= TimeSpan.Zero)
                {
                    Error("reminders", $"'{TextRules.Printable(text)}' is not a positive ISO-8601 duration (such as PT1H).");
                    break;
                }

                if (!errors.ContainsKey("responseWindow") && before >= window)
                {
                    Error("reminders", $"A reminder {text} before the deadline would fall before the consultation opens.");
                    break;
                }

                if (reminders.Contains(before))
                {
                    Error("reminders", $"The reminder {text} is given twice.");
                    break;
                }

                reminders.Add(before);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Proposal(title!, kind, summary, this.Proposer!, participants, rule, threshold, window, reminders), errors);
    }
}

/// <summary>A checked proposal.</summary>
public sealed record Proposal(
    string Title,
    ConsultationKind Kind,
    string Summary,
    string Proposer,
    IReadOnlyList<string> Participants,
    DecisionRule Rule,
    double Threshold,
    TimeSpan ResponseWindow,
    IReadOnlyList<TimeSpan> Reminders);

/// <summary>The body of a response.</summary>
public sealed class RespondRequest
{
    public string? Position { get; set; }

    public string? Comment { get; set; }

    public (Position Position, string? Comment)? Validate(out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!WireNames.TryParsePosition(this.Position, out Position position))
        {
            errors["position"] = [$"Use one of: {string.Join(", ", WireNames.PositionNames)}."];
        }

        string? comment = string.IsNullOrWhiteSpace(this.Comment) ? null : this.Comment.Trim();
        if (comment is { Length: > 4000 })
        {
            errors["comment"] = ["The comment is limited to 4,000 characters."];
        }
        else if (comment is not null && !TextRules.IsCleanText(comment))
        {
            errors["comment"] = ["The comment may not contain control characters (other than line breaks and tabs) or invalid Unicode."];
        }

        return errors.Count == 0 ? (position, comment) : null;
    }
}

/// <summary>The body of a withdrawal.</summary>
public sealed class WithdrawRequest
{
    public string? Reason { get; set; }
}

/// <summary>The body of an extension.</summary>
public sealed class ExtendRequest
{
    /// <summary>The new deadline, ISO 8601 with its offset (<c>2026-12-01T12:00:00Z</c>): absolute, so a retry extends once.</summary>
    public string? Until { get; set; }

    /// <summary>No longer taken: a relative extension applied twice by a retry extends twice.</summary>
    public string? By { get; set; }

    /// <summary>The longest a consultation can run after an extension, from now.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(90);

    /// <summary>Reads <see cref="Until"/>; null with the field's error when it is not a usable deadline.</summary>
    public DateTimeOffset? Validate(DateTimeOffset now, out IDictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>();
        if (this.By is not null)
        {
            errors["by"] = ["Relative extensions are not taken (a retry would extend twice): give the new deadline as 'until', an ISO 8601 time with its offset such as 2026-12-01T12:00:00Z."];
            return null;
        }

        if (string.IsNullOrEmpty(this.Until) || this.Until.Length > 40 || !TextRules.IsCleanLine(this.Until)
            || !DateTimeOffset.TryParseExact(this.Until, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateTimeOffset until)
            || !(this.Until.EndsWith('Z') || this.Until.Length >= 6 && this.Until[^6] is '+' or '-'))
        {
            errors["until"] = ["Give the new deadline as an ISO 8601 time with its offset, such as 2026-12-01T12:00:00Z."];
            return null;
        }

        until = until.ToUniversalTime();
        if (until <= now)
        {
            errors["until"] = [$"The new deadline must be in the future (it is now {now:O})."];
            return null;
        }

        if (until > now + MaxAhead)
        {
            errors["until"] = ["The new deadline may be at most 90 days from now."];
            return null;
        }

        return new DateTimeOffset(until.UtcTicks - (until.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
