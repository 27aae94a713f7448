namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>Publishes an approved disclosure: its public documents, then its line in the public index.</summary>
public interface IDisclosurePublisher
{
    /// Idempotent: publishing the same disclosure again writes nothing new and returns the same result.
    Task<PublishedDisclosure> PublishAsync(PublicDisclosure disclosure, CancellationToken cancellationToken = default);
}

/// <summary>Where a published disclosure is and what it hashes to.</summary>
/// <param name="Id">The disclosure's id.</param>
/// <param name="JsonUri">The blob that holds the JSON document.</param>
/// <param name="HtmlUri">The blob that holds the HTML page.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the JSON document, as in the blob's metadata.</param>
/// <param name="PublicPath">Its anonymous address: <c>/api/public/disclosures/{id}</c>.</param>
public sealed record PublishedDisclosure(string Id, Uri JsonUri, Uri HtmlUri, string Sha256, string PublicPath);
