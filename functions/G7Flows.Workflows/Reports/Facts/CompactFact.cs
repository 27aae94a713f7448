using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Reports.Facts;

/// <summary>
/// The compact form of a consultation's fact row (version 2 of the row's <c>Body</c>): one line of text, under half
/// the JSON's size and free of quotes, so that the storage service, the table client and the reader each handle far
/// fewer bytes, no escapes and no JSON parse. A report reads a row per consultation: this is most of a large period's cost.
/// <code>c2|{id}|{kind}|{outcome}|{proposer}|{openedAt}|{closedAt}|{answers}|{title}</code>
/// Times are round-trip ISO 8601 (<c>O</c>); answers are <c>nation,position,timing,seconds</c> separated by <c>;</c>,
/// with an empty position or seconds for none; the title is the rest of the line, as it is. A fact that this form
/// cannot hold exactly (a separator inside a code, an empty position, a time to answer that is not finite) is written
/// as JSON (version 1), which the reader still reads: rows written before this form existed are JSON too.
/// </summary>
public static class CompactFact
{
    /// <summary>How a compact consultation fact begins (a JSON body begins with <c>{</c>).</summary>
    public const string ConsultationPrefix = "c2|";

    private const char Field = '|';
    private const char Item = ';';
    private const char Part = ',';

    /// <summary>
    /// The codes that recur in every row (nations, kinds, outcomes, positions, timings), so that reading a row does not
    /// allocate a string for each of them. Any other code is read as a new string.
    /// </summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Codes = Nations.All
        .Concat(WireNames.KindNames)
        .Concat(WireNames.PositionNames)
        .Concat(Enum.GetNames<ConsultationStatus>())
        .Concat([AnswerTimings.OnTime, AnswerTimings.Late, AnswerTimings.Silent])
        .ToFrozenSet(StringComparer.Ordinal)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the body is in the compact form (and not JSON).</summary>
    public static bool IsCompact(string body) => body is not null && body.StartsWith(ConsultationPrefix, StringComparison.Ordinal);

    /// <summary>The compact form of the fact, or null when it cannot hold the fact exactly (then write JSON).</summary>
    public static string? TryEncode(ConsultationFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!IsPlain(fact.Id, Field) || !IsPlain(fact.Kind, Field) || !IsPlain(fact.Outcome, Field) || !IsPlain(fact.Proposer, Field)
            || fact.Title is null || fact.Answers is null)
        {
            return null;
        }

        var text = new StringBuilder(128 + fact.Title.Length + (fact.Answers.Count * 28));
        text.Append(ConsultationPrefix)
            .Append(fact.Id).Append(Field)
            .Append(fact.Kind).Append(Field)
            .Append(fact.Outcome).Append(Field)
            .Append(fact.Proposer).Append(Field)
            .Append(fact.OpenedAt.ToString("O", CultureInfo.InvariantCulture)).Append(Field)
            .Append(fact.ClosedAt.ToString("O", CultureInfo.InvariantCulture)).Append(Field);
        for (int i = 0; i < fact.Answers.Count; i++)
        {
            NationAnswer? a = fact.Answers[i];
            if (a is null || !IsPlain(a.Nation, Field, Item, Part) || !IsPlain(a.Timing, Field, Item, Part)
                || (a.Position is not null && (a.Position.Length == 0 || !IsPlain(a.Position, Field, Item, Part)))
                || (a.SecondsToAnswer is { } s && !double.IsFinite(s)))
            {
                return null;
            }

            if (i > 0)
            {
                text.Append(Item);
            }

            text.Append(a.Nation).Append(Part)
                .Append(a.Position).Append(Part)
                .Append(a.Timing).Append(Part);
            if (a.SecondsToAnswer is { } seconds)
            {
                // The shortest text that parses back to the same double.
                text.Append(seconds.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return text.Append(Field).Append(fact.Title).ToString();
    }

    /// <summary>Reads a compact consultation fact.</summary>
    /// <exception cref="FormatException">The body is not a compact consultation fact.</exception>
    public static ConsultationFact Decode(string body)
    {
        if (!IsCompact(body))
        {
            throw new FormatException("Not a compact consultation fact.");
        }

        ReadOnlySpan<char> rest = body.AsSpan(ConsultationPrefix.Length);
        string id = Next(ref rest, Field).ToString();
        string kind = Code(Next(ref rest, Field));
        string outcome = Code(Next(ref rest, Field));
        string proposer = Code(Next(ref rest, Field));
        DateTimeOffset openedAt = Time(Next(ref rest, Field));
        DateTimeOffset closedAt = Time(Next(ref rest, Field));
        ReadOnlySpan<char> answersText = Next(ref rest, Field);
        string title = rest.ToString();

        var answers = new List<NationAnswer>(answersText.IsEmpty ? 0 : answersText.Count(Item) + 1);
        while (!answersText.IsEmpty)
        {
            ReadOnlySpan<char> answer = Next(ref answersText, Item);
            string nation = Code(Next(ref answer, Part));
            ReadOnlySpan<char> position = Next(ref answer, Part);
            string timing = Code(Next(ref answer, Part));
            answers.Add(new NationAnswer(
                nation,
                position.IsEmpty ? null : Code(position),
                timing,
                answer.IsEmpty ? null : double.Parse(answer, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new ConsultationFact(id, title, kind, outcome, proposer, openedAt, closedAt, answers);
    }

    /// <summary>The text up to the next separator (all of it when there is none), and moves past the separator.</summary>
    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest, char separator)
    {
        int end = rest.IndexOf(separator);
        if (end < 0)
        {
            ReadOnlySpan<char> last = rest;
            rest = [];
            return last;
        }

        ReadOnlySpan<char> value = rest[..end];
        rest = rest[(end + 1)..];
        return value;
    }

    private static string Code(ReadOnlySpan<char> text) => Codes.TryGetValue(text, out string? known) ? known : text.ToString();

    private static DateTimeOffset Time(ReadOnlySpan<char> text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static bool IsPlain(string? value, params ReadOnlySpan<char> separators) => value is not null && value.AsSpan().IndexOfAny(separators) < 0;
}
