using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Disclosures.Publishing;
using Xunit;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>
/// The anonymous public routes through the server over HTTP, with disclosures published into the server's own Azurite
/// by <see cref="DisclosurePublisher"/>: no token needed, 404 for what is not published, the index newest first and
/// paged, JSON or HTML on <c>Accept</c>, the Atom feed, and validators with 304.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class PublicDisclosureRoutesTests(ServerFixture fixture)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private DisclosurePublisher Publisher => PublicDisclosures.Publisher(fixture.Azurite.ConnectionString);

    [Fact]
    public async Task A_published_disclosure_is_served_to_an_anonymous_caller_as_json_and_as_html()
    {
        // Arrange
        PublicDisclosure disclosure = PublicDisclosures.Expenditure(PublicDisclosures.NewId("read"));
        PublishedDisclosure published = await this.Publisher.PublishAsync(disclosure);

        // Act
        using HttpResponseMessage json = await this.GetAsync(published.PublicPath);
        using HttpResponseMessage html = await this.GetAsync(published.PublicPath, BrowserAccept);

        // Assert
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        byte[] bytes = await json.Content.ReadAsByteArrayAsync();
        Assert.Equal(PublicDisclosureRenderer.Json(disclosure), bytes);
        Assert.Equal($"\"{published.Sha256}\"", json.Headers.ETag?.ToString());
        Assert.NotNull(json.Content.Headers.LastModified);
        using JsonDocument document = JsonDocument.Parse(bytes);
        Assert.Equal(0.03m, document.RootElement.GetProperty("expenditure").GetProperty("figures").GetProperty("shareOfGdp").GetDecimal());

        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PublicDisclosureRenderer.Html(disclosure), await html.Content.ReadAsStringAsync());
        Assert.Contains("Accept", html.Headers.Vary);
    }

    [Theory]
    [InlineData("never-published-0001")]
    [InlineData("a.b")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("x0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task An_unknown_or_malformed_id_is_a_404_problem(string id)
    {
        // Act
        using HttpResponseMessage response = await this.GetAsync($"/api/public/disclosures/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("No published disclosure has this id.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_published_disclosures_are_listed_and_readable()
    {
        // Arrange: one disclosure published, and another whose id is known but that was never published.
        string published = PublicDisclosures.NewId("listed");
        string unpublished = PublicDisclosures.NewId("unlisted");
        await this.Publisher.PublishAsync(PublicDisclosures.Policy(published));

        // Act
        List<string> listed = await this.AllIdsAsync(pageSize: 100);
        using HttpResponseMessage missing = await this.GetAsync($"/api/public/disclosures/{unpublished}");

        // Assert
        Assert.Contains(published, listed);
        Assert.DoesNotContain(unpublished, listed);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_index_is_newest_first_and_paged_with_continuation_tokens_in_json_and_html()
    {
        // Arrange: five publications a day apart, published in a shuffled order.
        string prefix = PublicDisclosures.NewId("page")[..12];
        var disclosures = Enumerable.Range(0, 5)
            .Select(i => PublicDisclosures.Policy($"{prefix}-{i}", new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i), $"Paged {i}"))
            .ToList();
        foreach (int i in new[] { 3, 0, 4, 1, 2 })
        {
            await this.Publisher.PublishAsync(disclosures[i]);
        }

        // Act
        List<JsonElement> pages = await this.PagesAsync(pageSize: 2);
        using HttpResponseMessage firstHtml = await this.GetAsync("/api/public/disclosures?pageSize=2", BrowserAccept);

        // Assert: every page but the last is full, the last has no token, and ours come newest first.
        Assert.All(pages.SkipLast(1), p => Assert.Equal(2, p.GetProperty("items").GetArrayLength()));
        Assert.InRange(pages[^1].GetProperty("items").GetArrayLength(), 1, 2);
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("continuationToken").ValueKind);
        var ids = pages.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(disclosures.Select(d => d.Id).Reverse(), ids.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
        var times = pages.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("publishedAt").GetDateTime())).ToList();
        Assert.Equal(times.OrderDescending(), times);

        string html = await firstHtml.Content.ReadAsStringAsync();
        Assert.Equal("text/html", firstHtml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rel=\"next\" href=\"/api/public/disclosures?pageSize=2&amp;continuationToken=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("continuationToken=bm90LWEtdG9rZW4", "continuationToken")]
    public async Task A_bad_page_request_is_a_400_problem_naming_the_field(string query, string field)
    {
        // Act
        using HttpResponseMessage response = await this.GetAsync($"/api/public/disclosures?{query}");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([field], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/json, text/html", "application/json")]
    [InlineData("text/html;q=0.5, application/json", "application/json")]
    [InlineData("text/html", "text/html")]
    [InlineData("text/html, */*", "text/html")]
    [InlineData(BrowserAccept, "text/html")]
    [InlineData("application/json;q=0.2, text/*", "text/html")]
    public async Task The_accept_header_chooses_json_or_html(string? accept, string expected)
    {
        // Arrange
        PublishedDisclosure published = await this.Publisher.PublishAsync(PublicDisclosures.Policy(PublicDisclosures.NewId("accept")));

        // Act
        using HttpResponseMessage index = await this.GetAsync("/api/public/disclosures", accept);
        using HttpResponseMessage one = await this.GetAsync(published.PublicPath, accept);

        // Assert
        Assert.Equal((HttpStatusCode.OK, expected), (index.StatusCode, index.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.OK, expected), (one.StatusCode, one.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task The_feed_is_atom_with_absolute_links_to_the_published_pages()
    {
        // Arrange
        PublicDisclosure disclosure = PublicDisclosures.Policy(PublicDisclosures.NewId("feed"), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), "Feed <check> & \"quote\"");
        await this.Publisher.PublishAsync(disclosure);

        // Act
        using HttpResponseMessage response = await this.GetAsync("/api/public/disclosures/feed.atom", BrowserAccept);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        XDocument feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XElement entry = Assert.Single(feed.Root!.Elements(atom + "entry"), e => e.Element(atom + "title")!.Value == disclosure.Title);
        var link = new Uri(entry.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") is null or "alternate").Attribute("href")!.Value);
        Assert.Equal(new Uri(fixture.Server.BaseAddress, $"/api/public/disclosures/{disclosure.Id}"), link);
        Assert.Equal(new Uri(fixture.Server.BaseAddress, "/api/public/disclosures/feed.atom").AbsoluteUri, feed.Root!.Element(atom + "id")!.Value);
    }

    [Fact]
    public async Task Two_disclosures_published_at_the_same_moment_are_both_in_the_served_index_and_feed()
    {
        // Arrange
        DateTime at = new(2029, 6, 1, 9, 0, 0, DateTimeKind.Utc);
        PublicDisclosure a = PublicDisclosures.Policy(PublicDisclosures.NewId("same-a"), at, "Simultaneous A");
        PublicDisclosure b = PublicDisclosures.Policy(PublicDisclosures.NewId("same-b"), at, "Simultaneous B", "CA");
        DisclosurePublisher first = this.Publisher;
        DisclosurePublisher second = this.Publisher;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task both = Task.WhenAll(
            Task.Run(async () => { await start.Task; return await first.PublishAsync(a); }),
            Task.Run(async () => { await start.Task; return await second.PublishAsync(b); }));

        // Act
        start.SetResult();
        await both;
        List<string> listed = await this.AllIdsAsync(pageSize: 100);
        using HttpResponseMessage feed = await this.GetAsync("/api/public/disclosures/feed.atom");
        string atom = await feed.Content.ReadAsStringAsync();

        // Assert
        Assert.Contains(a.Id, listed);
        Assert.Contains(b.Id, listed);
        Assert.Contains($"/api/public/disclosures/{a.Id}", atom, StringComparison.Ordinal);
        Assert.Contains($"/api/public/disclosures/{b.Id}", atom, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/public/disclosures/{id}", null)]
    [InlineData("/api/public/disclosures/{id}", BrowserAccept)]
    [InlineData("/api/public/disclosures", null)]
    [InlineData("/api/public/disclosures/feed.atom", null)]
    public async Task A_client_that_has_the_current_representation_gets_304_without_a_body(string path, string? accept)
    {
        // Arrange
        PublishedDisclosure published = await this.Publisher.PublishAsync(PublicDisclosures.Policy(PublicDisclosures.NewId("etag")));
        path = path.Replace("{id}", published.Id, StringComparison.Ordinal);
        using HttpResponseMessage first = await this.GetAsync(path, accept);
        EntityTagHeaderValue etag = first.Headers.ETag ?? throw new InvalidOperationException("No ETag.");

        // Act
        using HttpResponseMessage again = await this.GetAsync(path, accept, request => request.Headers.IfNoneMatch.Add(etag));
        using HttpResponseMessage other = await this.GetAsync(path, accept, request => request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\"")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await other.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_public_routes_open_nothing_else_to_anonymous_callers()
    {
        // Act
        using HttpResponseMessage consultations = await this.GetAsync("/api/consultations");
        using HttpResponseMessage otherPublic = await this.GetAsync("/api/public/consultations");
        using HttpResponseMessage post = await fixture.Server.Http.PostAsync(new Uri("/api/public/disclosures", UriKind.Relative), new StringContent("{}"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, consultations.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherPublic.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        configure?.Invoke(request);
        return await fixture.Server.Http.SendAsync(request);
    }

    /// <summary>Every page of the JSON index, following continuation tokens.</summary>
    private async Task<List<JsonElement>> PagesAsync(int pageSize)
    {
        var pages = new List<JsonElement>();
        string? token = null;
        do
        {
            string query = $"?pageSize={pageSize}" + (token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}");
            using HttpResponseMessage response = await this.GetAsync("/api/public/disclosures" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            pages.Add(page);
            token = page.GetProperty("continuationToken").GetString();
            Assert.True(pages.Count < 1000, "The listing does not end.");
        }
        while (token is not null);
        return pages;
    }

    private async Task<List<string>> AllIdsAsync(int pageSize) =>
        (await this.PagesAsync(pageSize)).SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)).ToList();
}
