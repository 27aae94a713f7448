using G7Flows.Workflows.Disclosures.Domain;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>A disclosure as the public sees it once published: the approved revision, its published comments and, for a
/// military-expenditure statement, its figures. Times are UTC.</summary>
/// <param name="Id">The disclosure's id, as in <c>/api/public/disclosures/{id}</c>.</param>
/// <param name="Nation">The disclosing participant (CA, FR, DE, IT, JP, GB, US or EU).</param>
/// <param name="Kind">The wire name of the kind: defence-policy, military-expenditure, exercise-report or arms-transfer-summary.</param>
/// <param name="Title">The title as submitted; plain text.</param>
/// <param name="BodyMarkdown">The approved revision's body, CommonMark; rendered with <see cref="DisclosureMarkdown"/>.</param>
/// <param name="Revision">The number of the approved revision.</param>
/// <param name="SubmittedAt">When the disclosure was first submitted.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="Comments">The civil-society comments that moderation published; rejected ones are never here.</param>
/// <param name="Expenditure">The expenditure report of a military-expenditure disclosure, else null.</param>
/// <param name="AuditHeadHash">The hash at the head of the disclosure's audit trail when it was published, if known.</param>
public sealed record PublicDisclosure(
    string Id,
    string Nation,
    string Kind,
    string Title,
    string BodyMarkdown,
    int Revision,
    DateTime SubmittedAt,
    DateTime PublishedAt,
    IReadOnlyList<PublicComment> Comments,
    ExpenditureReport? Expenditure,
    string? AuditHeadHash);

/// <summary>A published civil-society comment.</summary>
/// <param name="Id">The comment's id.</param>
/// <param name="Organisation">The commenting organisation's name, from its token; plain text.</param>
/// <param name="Text">The comment; plain text, line breaks kept.</param>
/// <param name="PostedAt">When it was posted (UTC).</param>
public sealed record PublicComment(string Id, string Organisation, string Text, DateTime PostedAt);

/// <summary>One line of the public index of published disclosures.</summary>
/// <param name="Id">The disclosure's id.</param>
/// <param name="Nation">The disclosing participant.</param>
/// <param name="Kind">The wire name of the kind.</param>
/// <param name="Title">The title; plain text.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the published JSON document, as in the blob's metadata.</param>
public sealed record PublicIndexEntry(string Id, string Nation, string Kind, string Title, DateTime PublishedAt, string Sha256);
