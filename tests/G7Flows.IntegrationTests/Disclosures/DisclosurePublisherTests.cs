using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Disclosures.Publishing;
using Xunit;
using Xunit.Abstractions;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>A real Azurite with G7Flows' tables and containers, for tests of storage code without a server.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private Azurite? azurite;

    public string ConnectionString => (this.azurite ?? throw new InvalidOperationException("Not started.")).ConnectionString;

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        await PublicDisclosures.Storage(this.ConnectionString).EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// <see cref="DisclosurePublisher"/> against real Azurite: each document is written once with its hash, a retry (also
/// after a crash part-way) completes without writing anything twice, and concurrent publications all reach the index.
/// </summary>
public sealed class DisclosurePublisherTests(StorageFixture storage, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    private BlobContainerClient Container => PublicDisclosures.Container(storage.ConnectionString);

    [Fact]
    public async Task Publishing_writes_the_json_and_the_html_with_content_types_and_the_hash_of_the_json()
    {
        // Arrange
        PublicDisclosure disclosure = PublicDisclosures.Policy(PublicDisclosures.NewId("write"));

        // Act
        PublishedDisclosure published = await PublicDisclosures.Publisher(storage.ConnectionString).PublishAsync(disclosure);

        // Assert
        BlobDownloadResult json = await this.DownloadAsync(DisclosurePublisher.JsonBlobName(disclosure.Id));
        BlobDownloadResult html = await this.DownloadAsync(DisclosurePublisher.HtmlBlobName(disclosure.Id));
        string sha = Convert.ToHexStringLower(SHA256.HashData(json.Content.ToArray()));
        Assert.Equal(PublicDisclosureRenderer.Json(disclosure), json.Content.ToArray());
        Assert.Equal(PublicDisclosureRenderer.Html(disclosure), Encoding.UTF8.GetString(html.Content.ToArray()));
        Assert.Equal("application/json; charset=utf-8", json.Details.ContentType);
        Assert.Equal("text/html; charset=utf-8", html.Details.ContentType);
        Assert.Equal(sha, json.Details.Metadata["sha256"]);
        Assert.Equal(sha, html.Details.Metadata["documentsha256"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(html.Content.ToArray())), html.Details.Metadata["sha256"]);
        Assert.Equal(new PublishedDisclosure(disclosure.Id, this.Container.GetBlobClient(DisclosurePublisher.JsonBlobName(disclosure.Id)).Uri, this.Container.GetBlobClient(DisclosurePublisher.HtmlBlobName(disclosure.Id)).Uri, sha, $"/api/public/disclosures/{disclosure.Id}"), published);
        PublicIndexEntry entry = Assert.Single((await this.IndexAsync()).Entries, e => e.Id == disclosure.Id);
        Assert.Equal((disclosure.Nation, disclosure.Kind, disclosure.Title, disclosure.PublishedAt, sha), (entry.Nation, entry.Kind, entry.Title, entry.PublishedAt, entry.Sha256));
    }

    [Fact]
    public async Task Publishing_again_writes_nothing_new_and_returns_the_same_result()
    {
        // Arrange
        PublicDisclosure disclosure = PublicDisclosures.Policy(PublicDisclosures.NewId("again"));
        DisclosurePublisher publisher = PublicDisclosures.Publisher(storage.ConnectionString);
        PublishedDisclosure first = await publisher.PublishAsync(disclosure);
        ETag[] before = await this.ETagsAsync(disclosure.Id);

        // Act
        PublishedDisclosure second = await publisher.PublishAsync(disclosure);
        PublishedDisclosure third = await PublicDisclosures.Publisher(storage.ConnectionString).PublishAsync(disclosure);

        // Assert
        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Equal(before, await this.ETagsAsync(disclosure.Id));
    }

    [Fact]
    public async Task A_published_disclosure_is_never_overwritten_and_the_published_one_stands()
    {
        // Arrange
        PublicDisclosure original = PublicDisclosures.Policy(PublicDisclosures.NewId("once"));
        DisclosurePublisher publisher = PublicDisclosures.Publisher(storage.ConnectionString);
        PublishedDisclosure first = await publisher.PublishAsync(original);
        ETag[] before = await this.ETagsAsync(original.Id);

        // Act: the same id with another title and body.
        PublishedDisclosure second = await publisher.PublishAsync(original with { Title = "Rewritten", BodyMarkdown = "Other text." });

        // Assert
        Assert.Equal(first, second);
        Assert.Equal(before, await this.ETagsAsync(original.Id));
        Assert.Equal(PublicDisclosureRenderer.Json(original), (await this.DownloadAsync(DisclosurePublisher.JsonBlobName(original.Id))).Content.ToArray());
        Assert.Equal("Defence policy review 2026", Assert.Single((await this.IndexAsync()).Entries, e => e.Id == original.Id).Title);
    }

    [Fact]
    public async Task A_retry_after_a_crash_that_left_only_the_json_completes_the_html_and_the_index_with_the_same_hash()
    {
        // Arrange: an earlier attempt wrote the JSON document and stopped.
        PublicDisclosure disclosure = PublicDisclosures.Expenditure(PublicDisclosures.NewId("crash"));
        byte[] json = PublicDisclosureRenderer.Json(disclosure);
        string sha = Convert.ToHexStringLower(SHA256.HashData(json));
        BlobClient jsonBlob = this.Container.GetBlobClient(DisclosurePublisher.JsonBlobName(disclosure.Id));
        await jsonBlob.UploadAsync(new BinaryData(json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
            Metadata = new Dictionary<string, string> { ["sha256"] = sha },
        });
        ETag jsonETag = (await jsonBlob.GetPropertiesAsync()).Value.ETag;
        Assert.DoesNotContain((await this.IndexAsync()).Entries, e => e.Id == disclosure.Id);

        // Act
        PublishedDisclosure published = await PublicDisclosures.Publisher(storage.ConnectionString).PublishAsync(disclosure);

        // Assert
        Assert.Equal(sha, published.Sha256);
        Assert.Equal(jsonETag, (await jsonBlob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(PublicDisclosureRenderer.Html(disclosure), Encoding.UTF8.GetString((await this.DownloadAsync(DisclosurePublisher.HtmlBlobName(disclosure.Id))).Content.ToArray()));
        Assert.Equal(sha, Assert.Single((await this.IndexAsync()).Entries, e => e.Id == disclosure.Id).Sha256);
    }

    [Fact]
    public async Task Two_disclosures_published_at_the_same_moment_are_both_in_the_index_and_the_feed()
    {
        // Arrange: two publishers with their own clients, released together.
        DateTime at = new(2026, 4, 1, 10, 0, 0, DateTimeKind.Utc);
        PublicDisclosure a = PublicDisclosures.Policy(PublicDisclosures.NewId("pair-a"), at, "Pair A");
        PublicDisclosure b = PublicDisclosures.Policy(PublicDisclosures.NewId("pair-b"), at, "Pair B", "JP");
        DisclosurePublisher first = PublicDisclosures.Publisher(storage.ConnectionString);
        DisclosurePublisher second = PublicDisclosures.Publisher(storage.ConnectionString);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task both = Task.WhenAll(
            Task.Run(async () => { await start.Task; return await first.PublishAsync(a); }),
            Task.Run(async () => { await start.Task; return await second.PublishAsync(b); }));

        // Act
        start.SetResult();
        await both;

        // Assert
        PublicIndex index = await this.IndexAsync();
        Assert.Single(index.Entries, e => e.Id == a.Id);
        Assert.Single(index.Entries, e => e.Id == b.Id);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(Encoding.UTF8.GetString(PublicIndexRenderer.Atom(index.Entries, new Uri("https://g7flows.example.org/"), at)));
        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Contains("Pair A", titles);
        Assert.Contains("Pair B", titles);
    }

    [Fact]
    public async Task Many_concurrent_publications_each_appear_in_the_index_exactly_once()
    {
        // Arrange: 24 publishers, each with its own clients, released together; the index already has entries.
        const int Count = 24;
        string prefix = PublicDisclosures.NewId("many")[..12];
        var disclosures = Enumerable.Range(0, Count)
            .Select(i => PublicDisclosures.Policy($"{prefix}-{i:D2}", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), $"Many {i}"))
            .ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<PublishedDisclosure[]> all = Task.WhenAll(disclosures.Select(d => Task.Run(async () =>
        {
            DisclosurePublisher publisher = PublicDisclosures.Publisher(storage.ConnectionString);
            await start.Task;
            return await publisher.PublishAsync(d);
        })));

        // Act
        var clock = Stopwatch.StartNew();
        start.SetResult();
        PublishedDisclosure[] published = await all;
        clock.Stop();

        // Assert
        PublicIndex index = await this.IndexAsync();
        var ours = index.Entries.Where(e => e.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(disclosures.Select(d => d.Id).OrderDescending(StringComparer.Ordinal), ours.Select(e => e.Id));
        Assert.Equal(published.Select(p => p.Sha256).Order(StringComparer.Ordinal), ours.Select(e => e.Sha256).Order(StringComparer.Ordinal));
        Assert.Equal(index.Entries.Count, index.Entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        output.WriteLine($"{Count} concurrent publications in {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("")]
    [InlineData("feed.atom")]
    [InlineData("../index")]
    [InlineData("a/b")]
    public async Task An_id_that_cannot_be_a_public_address_is_refused_before_anything_is_written(string id)
    {
        // Arrange
        PublicDisclosure disclosure = PublicDisclosures.Policy(id);
        int before = (await this.IndexAsync()).Entries.Count;

        // Act
        await Assert.ThrowsAsync<ArgumentException>(() => PublicDisclosures.Publisher(storage.ConnectionString).PublishAsync(disclosure));

        // Assert
        Assert.Equal(before, (await this.IndexAsync()).Entries.Count);
        Assert.False(id.Length > 0 && (await this.Container.GetBlobClient(DisclosurePublisher.JsonBlobName(id)).ExistsAsync()).Value);
    }

    private async Task<BlobDownloadResult> DownloadAsync(string name) => (await this.Container.GetBlobClient(name).DownloadContentAsync()).Value;

    private async Task<PublicIndex> IndexAsync()
    {
        BlobClient blob = this.Container.GetBlobClient(DisclosurePublisher.IndexBlobName);
        return (await blob.ExistsAsync()).Value ? PublicIndex.FromJson((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span) : PublicIndex.Empty;
    }

    private async Task<ETag[]> ETagsAsync(string id) =>
    [
        (await this.Container.GetBlobClient(DisclosurePublisher.JsonBlobName(id)).GetPropertiesAsync()).Value.ETag,
        (await this.Container.GetBlobClient(DisclosurePublisher.HtmlBlobName(id)).GetPropertiesAsync()).Value.ETag,
        (await this.Container.GetBlobClient(DisclosurePublisher.IndexBlobName).GetPropertiesAsync()).Value.ETag,
    ];
}
