using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>A checked submission.</summary>
public sealed record Submission(
    string Nation, string Kind, string Title, string Body, TimeSpan CommentPeriod, DateTimeOffset? EmbargoUntil, ExpenditureReport? Expenditure, StepDurations Due);

/// <summary>The body of <c>POST /api/disclosures</c>, as sent; <see cref="Validate"/> checks it.</summary>
public sealed partial class SubmitDisclosureRequest
{
    public string? Nation { get; set; }

    public string? Kind { get; set; }

    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? CommentPeriod { get; set; }

    public string? EmbargoUntil { get; set; }

    public JsonElement? Expenditure { get; set; }

    /// <summary>Shorter due times for the review steps (for testing): <c>{ "security": "PT1M", "humanRights": ..., "final": ... }</c>.</summary>
    public DueRequest? Due { get; set; }

    public (Submission? Submission, Dictionary<string, string[]> Errors) Validate(DateTimeOffset now, StepDurations defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        string? nation = this.Nation;
        if (!Nations.IsKnown(nation))
        {
            Error("nation", $"Use one of: {string.Join(", ", Nations.All)}.");
        }

        if (!DisclosureKinds.IsKnown(this.Kind))
        {
            Error("kind", $"Use one of: {string.Join(", ", DisclosureKinds.All)}.");
        }

        string? title = this.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            Error("title", "Give a title of 1 to 200 characters.");
        }
        else if (!TextRules.IsCleanLine(title))
        {
            Error("title", "The title may not contain control characters or invalid Unicode.");
        }

        if (BodyProblem(this.Body) is { } bodyProblem)
        {
            Error("body", bodyProblem);
        }

        TimeSpan period = TimeSpan.Zero;
        if (!IsoDuration.TryParse(this.CommentPeriod, out period) || period < DisclosureLimits.MinCommentPeriod || period > DisclosureLimits.MaxCommentPeriod)
        {
            Error("commentPeriod", "Give the comment period as an ISO-8601 duration from PT10S to P60D (weeks, days, hours, minutes, seconds).");
        }

        DateTimeOffset? embargo = null;
        if (this.EmbargoUntil is not null)
        {
            if (!TryParseInstant(this.EmbargoUntil, out DateTimeOffset until))
            {
                Error("embargoUntil", "Give the embargo as an ISO-8601 time with its offset, for example 2026-06-01T09:00:00Z.");
            }
            else if (until > now + DisclosureLimits.MaxEmbargo)
            {
                Error("embargoUntil", "An embargo may lie at most 366 days ahead.");
            }
            else
            {
                embargo = until.ToUniversalTime();
            }
        }

        ExpenditureReport? report = null;
        if (this.Kind == DisclosureKinds.MilitaryExpenditure && Nations.IsKnown(nation))
        {
            report = ReadExpenditure(this.Expenditure, nation!, now, errors);
        }
        else if (this.Expenditure is { ValueKind: not JsonValueKind.Null } && DisclosureKinds.IsKnown(this.Kind))
        {
            Error("expenditure", "Only a military-expenditure disclosure has an expenditure report.");
        }

        StepDurations due = defaults;
        if (this.Due is not null)
        {
            due = new StepDurations(
                Shorter(this.Due.Security, defaults.Security, "due.security", errors),
                Shorter(this.Due.HumanRights, defaults.HumanRights, "due.humanRights", errors),
                Shorter(this.Due.Final, defaults.Final, "due.final", errors));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Submission(nation!, this.Kind!, title!, this.Body!, period, embargo, report, due), errors);
    }

    /// <summary>Why a body is refused, or null: required, at most 200,000 characters, clean text, renderable Markdown.</summary>
    public static string? BodyProblem(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "Give the body (Markdown).";
        }

        if (body.Length > DisclosureLimits.MaxBodyLength)
        {
            return "The body is limited to 200,000 characters.";
        }

        return !TextRules.IsCleanText(body)
            ? "The body may not contain control characters (other than line breaks and tabs) or invalid Unicode."
            : MarkdownGuard.Problem(body);
    }

    /// <summary>Reads the expenditure report a military-expenditure disclosure must have.</summary>
    public static ExpenditureReport? ReadExpenditure(JsonElement? element, string nation, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (element is not { ValueKind: not JsonValueKind.Null } value)
        {
            errors["expenditure"] = ["A military-expenditure disclosure needs its expenditure report: year, currency, gdp and amounts."];
            return null;
        }

        if (ExpenditureParser.TryParse(value, nation, now.UtcDateTime.Year, out ExpenditureReport? report, out var found))
        {
            return report;
        }

        foreach (var (field, messages) in found)
        {
            errors[field] = messages;
        }

        return null;
    }

    /// <summary>An instant with its offset (Z or ±hh:mm), nothing else.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        return text.Length <= 40 && OffsetSuffix().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    private static TimeSpan Shorter(string? text, TimeSpan setting, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return setting;
        }

        if (!IsoDuration.TryParse(text, out TimeSpan value) || value < TimeSpan.FromSeconds(5) || value > setting)
        {
            errors[field] = [$"Give an ISO-8601 duration from PT5S up to the configured {IsoDuration.Format(setting)}; a request may only shorten it."];
            return setting;
        }

        return value;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex OffsetSuffix();
}

/// <summary>Shorter due times for the review steps, ISO-8601 durations.</summary>
public sealed class DueRequest
{
    public string? Security { get; set; }

    public string? HumanRights { get; set; }

    public string? Final { get; set; }
}

/// <summary>The body of <c>POST /api/disclosures/{id}/revisions</c>.</summary>
public sealed class ReviseDisclosureRequest
{
    public string? Body { get; set; }

    public JsonElement? Expenditure { get; set; }
}

/// <summary>The body of <c>POST /api/disclosures/{id}/reviews/{step}</c>.</summary>
public sealed class ReviewRequest
{
    public string? Decision { get; set; }

    public string? Comment { get; set; }

    /// <summary>Checks the answer for <paramref name="step"/>: a comment is required for request-changes and reject.</summary>
    public (string? Decision, string? Comment) Validate(string step, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        IReadOnlyList<string> allowed = ReviewDecisions.For(step);
        if (this.Decision is null || !allowed.Contains(this.Decision, StringComparer.Ordinal))
        {
            errors["decision"] = [$"Use one of: {string.Join(", ", allowed)}."];
        }

        string? comment = this.Comment?.Trim();
        if (string.IsNullOrEmpty(comment))
        {
            comment = null;
            if (this.Decision is ReviewDecisions.RequestChanges or ReviewDecisions.Reject)
            {
                errors["comment"] = ["Say why: a comment is required to request changes or to reject."];
            }
        }
        else if (comment.Length > 5_000 || !TextRules.IsCleanText(comment))
        {
            errors["comment"] = ["A comment is plain text of at most 5,000 characters, without control characters."];
        }

        return errors.Count > 0 ? (null, null) : (this.Decision, comment);
    }
}

/// <summary>The body of <c>POST /api/disclosures/{id}/comments</c>.</summary>
public sealed class CommentRequest
{
    public string? Text { get; set; }
}

/// <summary>The body of <c>POST /api/disclosures/{id}/comments/{commentId}/moderation</c>.</summary>
public sealed class ModerationRequest
{
    public string? Decision { get; set; }

    public string? Reason { get; set; }
}

/// <summary>The body of <c>POST /api/disclosures/{id}/withdraw</c>.</summary>
public sealed class WithdrawDisclosureRequest
{
    public string? Reason { get; set; }
}
