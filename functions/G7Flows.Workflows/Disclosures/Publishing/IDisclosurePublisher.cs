namespace G7Flows.Workflows.Disclosures.Publishing;

public interface IDisclosurePublisher
{
    /// Idempotent: publishing the same disclosure again writes nothing new and returns the same result.
    Task<PublishedDisclosure> PublishAsync(PublicDisclosure disclosure, CancellationToken cancellationToken = default);
}
public sealed record PublishedDisclosure(string Id, Uri JsonUri, Uri HtmlUri, string Sha256, string PublicPath);
