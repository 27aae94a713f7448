using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(G7Flows.TestPublisher.TestPublisherStartup))]

namespace G7Flows.TestPublisher;

/// <summary>Registers <see cref="BlobTestPublisher"/> in the server the tests start.</summary>
public sealed class TestPublisherStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services => services.AddSingleton<IDisclosurePublisher, BlobTestPublisher>());
    }
}

/// <summary>
/// Writes each published disclosure's JSON and HTML (the core's renderers) once to <see cref="Container"/>, with the
/// JSON's SHA-256 in metadata, and counts every call in a second blob per disclosure, so tests can see what was
/// published, and how often publication was asked for.
/// </summary>
public sealed class BlobTestPublisher(StorageClients storage) : IDisclosurePublisher
{
    /// <summary>The container the tests read.</summary>
    public const string Container = "test-published-disclosures";

    public async Task<PublishedDisclosure> PublishAsync(PublicDisclosure disclosure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        BlobContainerClient container = storage.Container(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        byte[] json = PublicDisclosureRenderer.Json(disclosure);
        string sha = Convert.ToHexStringLower(SHA256.HashData(json));
        BlobClient jsonBlob = container.GetBlobClient($"{disclosure.Id}.json");
        BlobClient htmlBlob = container.GetBlobClient($"{disclosure.Id}.html");
        await WriteOnceAsync(jsonBlob, BinaryData.FromBytes(json), "application/json", sha, cancellationToken);
        await WriteOnceAsync(htmlBlob, BinaryData.FromString(PublicDisclosureRenderer.Html(disclosure)), "text/html; charset=utf-8", sha, cancellationToken);
        await container.GetBlobClient($"{disclosure.Id}.calls/{Guid.NewGuid():N}").UploadAsync(BinaryData.FromString(sha), cancellationToken);
        return new PublishedDisclosure(disclosure.Id, jsonBlob.Uri, htmlBlob.Uri, sha, $"/api/public/disclosures/{disclosure.Id}");
    }

    private static async Task WriteOnceAsync(BlobClient blob, BinaryData content, string contentType, string sha, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(
                content,
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    Metadata = new Dictionary<string, string> { ["sha256"] = sha },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Published already: write-once.
        }
    }
}
