namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// Publishes an approved disclosure: its public documents, written once, and its entry in the public index. The
/// workflow's publication step calls it.
/// </summary>
public interface IDisclosurePublisher
{
    /// <summary>Idempotent: publishing the same disclosure again writes nothing new and returns the same result.</summary>
    Task<PublishedDisclosure> PublishAsync(PublicDisclosure disclosure, CancellationToken cancellationToken = default);
}

/// <summary>Where a disclosure was published.</summary>
/// <param name="Id">The disclosure's id.</param>
/// <param name="JsonUri">The public JSON document.</param>
/// <param name="HtmlUri">The public HTML page.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the JSON document.</param>
/// <param name="PublicPath">The public address below the site's root: <c>/api/public/disclosures/{id}</c>.</param>
public sealed record PublishedDisclosure(string Id, Uri JsonUri, Uri HtmlUri, string Sha256, string PublicPath);
