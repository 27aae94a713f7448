using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// Renders the public index of published disclosures, newest first, as JSON, as a self-contained HTML page and as an
/// Atom 1.0 feed. Links point at <c>/api/public/disclosures/{id}</c>.
/// </summary>
public static class PublicIndexRenderer
{
    /// <summary>The path of the feed, relative to the site's root.</summary>
    public const string FeedPath = "/api/public/disclosures/feed.atom";

    private const string IndexPath = "/api/public/disclosures";

    private const string FeedTitle = "G7 transparency disclosures";

    /// <summary>The entries as UTF-8 JSON: <c>{ "count": n, "entries": [ { ..., "url" } ] }</c>.</summary>
    public static byte[] Json(IReadOnlyList<PublicIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        List<EntryDocument> documents = PublicIndex.Newest(entries)
            .Select(e => new EntryDocument(e.Id, e.Nation, e.Kind, e.Title, PublicHtml.Utc(e.PublishedAt), e.Sha256, PublicHtml.DisclosurePath(e.Id)))
            .ToList();
        return JsonSerializer.SerializeToUtf8Bytes(new IndexDocument(documents.Count, documents), Platform.Publishing.Json.Indented);
    }

    /// <summary>The entries as a complete HTML5 page with a table and a link to the feed.</summary>
    public static string Html(IReadOnlyList<PublicIndexEntry> entries) => Html(entries, olderPath: null);

    /// <summary>
    /// One page of the entries as a complete HTML5 page with a table and a link to the feed and, when
    /// <paramref name="olderPath"/> is given (a site-relative address of the next page), a link to older disclosures.
    /// </summary>
    public static string Html(IReadOnlyList<PublicIndexEntry> entries, string? olderPath)
    {
        ArgumentNullException.ThrowIfNull(entries);
        StringBuilder html = PublicHtml.Begin(
            FeedTitle,
            $"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{FeedTitle}\" href=\"{FeedPath}\">\n");
        html.Append("<h1>").Append(FeedTitle).Append("</h1>\n")
            .Append("<p class=\"meta\">Defence policies, military expenditure, exercise reports and arms-transfer summaries that the partners have released, newest first. ")
            .Append("Follow them with the <a href=\"").Append(FeedPath).Append("\">Atom feed</a>.</p>\n");
        if (entries.Count == 0)
        {
            html.Append("<p>Nothing has been published yet.</p>\n");
            return PublicHtml.End(html);
        }

        html.Append("<table>\n<thead><tr><th scope=\"col\">Published</th><th scope=\"col\">Nation</th><th scope=\"col\">Kind</th><th scope=\"col\">Title</th></tr></thead>\n<tbody>\n");
        foreach (PublicIndexEntry entry in PublicIndex.Newest(entries))
        {
            html.Append("<tr><td><time datetime=\"").Append(PublicHtml.MachineTime(entry.PublishedAt)).Append("\">")
                .Append(PublicHtml.Time(entry.PublishedAt)).Append("</time></td><td>")
                .Append(PublicHtml.Encode(PublicHtml.Nation(entry.Nation))).Append("</td><td>")
                .Append(PublicHtml.Encode(PublicHtml.Kind(entry.Kind))).Append("</td><td><a href=\"")
                .Append(PublicHtml.Encode(PublicHtml.DisclosurePath(entry.Id))).Append("\">")
                .Append(PublicHtml.Encode(entry.Title)).Append("</a></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (olderPath is not null)
        {
            html.Append("<p><a rel=\"next\" href=\"").Append(PublicHtml.Encode(olderPath)).Append("\">Older disclosures</a></p>\n");
        }

        return PublicHtml.End(html);
    }

    /// <summary>
    /// The entries as an Atom 1.0 feed in UTF-8. The feed's id is its own address and each entry's id the address of
    /// its disclosure, both under <paramref name="baseAddress"/>; each entry has its title, published and updated
    /// times (the publication), an alternate link to its page, its nation and kind as categories, and a summary.
    /// </summary>
    /// <param name="entries">The published disclosures.</param>
    /// <param name="baseAddress">The absolute address of the site (scheme and host; routes are resolved from its root).</param>
    /// <param name="updated">When the feed last changed, usually the newest publication.</param>
    public static byte[] Atom(IReadOnlyList<PublicIndexEntry> entries, Uri baseAddress, DateTime updated)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be absolute.", nameof(baseAddress));
        }

        var feedUri = new Uri(baseAddress, FeedPath);
        var feed = new SyndicationFeed(
            XmlText(FeedTitle),
            "Transparency disclosures released by the G7 partners: defence policies, military expenditure, exercise reports, arms-transfer summaries.",
            new Uri(baseAddress, IndexPath),
            feedUri.AbsoluteUri,
            new DateTimeOffset(PublicHtml.Utc(updated)));
        feed.Links.Add(SyndicationLink.CreateSelfLink(feedUri, "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = "G7Flows secretariat" });
        feed.Items = PublicIndex.Newest(entries).Select(e => Item(e, baseAddress)).ToList();

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static SyndicationItem Item(PublicIndexEntry entry, Uri baseAddress)
    {
        var page = new Uri(baseAddress, PublicHtml.DisclosurePath(entry.Id));
        var published = new DateTimeOffset(PublicHtml.Utc(entry.PublishedAt));
        var item = new SyndicationItem(XmlText(entry.Title), (SyndicationContent?)null, page, page.AbsoluteUri, published)
        {
            PublishDate = published,
            Summary = new TextSyndicationContent(XmlText($"{PublicHtml.Kind(entry.Kind)} published by {PublicHtml.Nation(entry.Nation)}.")),
        };
        item.Categories.Add(new SyndicationCategory(XmlText(entry.Nation)) { Label = XmlText(PublicHtml.Nation(entry.Nation)) });
        item.Categories.Add(new SyndicationCategory(XmlText(entry.Kind)) { Label = XmlText(PublicHtml.Kind(entry.Kind)) });
        return item;
    }

    /// <summary>Text with the characters XML 1.0 cannot carry (most control characters, lone surrogates) replaced by U+FFFD.</summary>
    private static string XmlText(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }

        return clean.ToString();
    }

    private sealed record IndexDocument(int Count, IReadOnlyList<EntryDocument> Entries);

    private sealed record EntryDocument(string Id, string Nation, string Kind, string Title, DateTime PublishedAt, string Sha256, string Url);
}
