using System.Globalization;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using Microsoft.AspNetCore.Http;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>The differences between two revisions of a disclosure.</summary>
public sealed partial class DisclosureApi
{
    /// <summary>
    /// <c>GET /api/disclosures/{id}/revisions/{revision}/diff?from=</c>: whoever may read the disclosure. Compares the
    /// revision with the one before it, or with revision <c>from</c> (0: the empty text, so every line is inserted).
    /// </summary>
    public Task<IResult> DiffAsync(HttpRequest request, string id, string revision) => this.GuardAsync(async ct =>
    {
        var (found, _, refused) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReadDisclosure, s => ScopeOf(s), null, ct);
        if (refused is not null)
        {
            return refused;
        }

        DisclosureSnapshot snapshot = found!;

        RevisionEntity? later = ParseRevision(revision) is { } number ? snapshot.RevisionOf(number) : null;
        if (later is null)
        {
            return Problems.NotFound($"The disclosure has no such revision; its revisions are 1 to {snapshot.Disclosure.Revision}.");
        }

        int from = later.Number - 1;
        RevisionEntity? earlier = snapshot.RevisionOf(from);
        string? fromText = request.Query["from"];
        if (fromText is not null)
        {
            if (ParseRevision(fromText, allowZero: true) is not { } parsed || (parsed > 0 && snapshot.RevisionOf(parsed) is null))
            {
                return Problems.Validation("from", $"Use a revision number from 0 (the empty text) to {snapshot.Disclosure.Revision}.");
            }

            from = parsed;
            earlier = snapshot.RevisionOf(from);
        }

        // Both texts at once; a pair with the same text (the same revision, or a revision back to an earlier text) is read once.
        Task<string> reading = store.ReadRevisionBodyAsync(later.BlobName, ct);
        string before = earlier is null ? string.Empty
            : earlier.BodySha256 == later.BodySha256 ? await reading
            : await store.ReadRevisionBodyAsync(earlier.BlobName, ct);
        string after = await reading;
        var (lines, counts) = RevisionDiff.Compare(before, after);
        return TypedResults.Json(new RevisionDiffView(snapshot.Disclosure.PartitionKey, later.Number, from, counts, lines), Json.Options);
    });

    /// <summary>A revision number as a path or query takes it: digits only, no sign, no leading zero, at most 3 digits.</summary>
    private static int? ParseRevision(string text, bool allowZero = false) =>
        text.Length is >= 1 and <= 3 && text.All(char.IsAsciiDigit) && (text == "0" ? allowZero : text[0] != '0')
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
}

/// <summary>The answer of the diff route: revision <paramref name="Revision"/> compared with revision <paramref name="From"/>.</summary>
public sealed record RevisionDiffView(string Id, int Revision, int From, DiffCounts Counts, IReadOnlyList<DiffLine> Lines);
