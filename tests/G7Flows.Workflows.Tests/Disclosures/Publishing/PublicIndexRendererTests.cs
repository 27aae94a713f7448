using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using G7Flows.Workflows.Disclosures.Publishing;

namespace G7Flows.Workflows.Tests.Disclosures.Publishing;

public sealed class PublicIndexRendererTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly Uri Site = new("https://g7flows.example/");
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly PublicIndexEntry[] Entries =
    [
        new("older", "DE", "exercise-report", "Exercise Cold Response report", T0, "11"),
        new("newest", "JP", "military-expenditure", "防衛費 2025", T0.AddDays(2), "22"),
        new("middle", "GB", "defence-policy", "Defence review", T0.AddDays(1), "33"),
    ];

    private static readonly PublicIndexEntry Hostile = new(
        "<script>alert('id')</script>",
        "<script>alert('nation')</script>",
        "<script>alert('kind')</script>",
        "<script>alert('title')</script>\"'&<>",
        T0,
        "44");

    [Fact]
    public void The_json_index_lists_entries_newest_first_with_their_addresses()
    {
        // Act
        using JsonDocument json = JsonDocument.Parse(PublicIndexRenderer.Json(Entries));

        // Assert
        Assert.Equal(3, json.RootElement.GetProperty("count").GetInt32());
        JsonElement[] entries = json.RootElement.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(["newest", "middle", "older"], entries.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal("/api/public/disclosures/newest", entries[0].GetProperty("url").GetString());
        Assert.Equal("2026-03-03T12:00:00Z", entries[0].GetProperty("publishedAt").GetString());
        Assert.Equal("military-expenditure", entries[0].GetProperty("kind").GetString());
        Assert.Equal("22", entries[0].GetProperty("sha256").GetString());
    }

    [Fact]
    public void The_html_index_links_each_disclosure_newest_first()
    {
        // Act
        string html = PublicIndexRenderer.Html(Entries);

        // Assert
        int newest = html.IndexOf("<a href=\"/api/public/disclosures/newest\">防衛費 2025</a>", StringComparison.Ordinal);
        int middle = html.IndexOf("<a href=\"/api/public/disclosures/middle\">Defence review</a>", StringComparison.Ordinal);
        int older = html.IndexOf("<a href=\"/api/public/disclosures/older\">Exercise Cold Response report</a>", StringComparison.Ordinal);
        Assert.True(newest > 0 && newest < middle && middle < older, html);
        Assert.Contains("<td>Japan (JP)</td><td>Military expenditure</td>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-03-03T12:00:00Z\">2026-03-03 12:00:00 UTC</time>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/public/disclosures/feed.atom\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_of_the_html_index_links_to_the_older_page_only_when_there_is_one()
    {
        // Act
        string withOlder = PublicIndexRenderer.Html(Entries, "/api/public/disclosures?pageSize=3&continuationToken=abc\"<x>");
        string last = PublicIndexRenderer.Html(Entries, olderPath: null);

        // Assert
        Assert.Contains("<a rel=\"next\" href=\"/api/public/disclosures?pageSize=3&amp;continuationToken=abc&quot;&lt;x&gt;\">Older disclosures</a>", withOlder, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", last, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_index_encodes_every_user_field_and_escapes_the_id_in_links()
    {
        // Act
        string html = PublicIndexRenderer.Html([Hostile]);

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;&quot;&#x27;&amp;&lt;&gt;</a>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(&#x27;nation&#x27;)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(&#x27;kind&#x27;)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/public/disclosures/%3Cscript%3Ealert%28%27id%27%29%3C%2Fscript%3E\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_index_is_a_self_contained_page_and_says_when_nothing_is_published()
    {
        // Act
        string html = PublicIndexRenderer.Html([]);

        // Assert
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>G7 transparency disclosures</title>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Nothing has been published yet.</p>", html, StringComparison.Ordinal);
        foreach (string forbidden in new[] { "<script", "<img", "src=", "url(", "@import", "http:", "https:" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_feed_is_atom_with_its_id_title_update_time_author_and_self_link()
    {
        // Act
        XElement feed = Parse(PublicIndexRenderer.Atom(Entries, Site, T0.AddDays(2)));

        // Assert
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("https://g7flows.example/api/public/disclosures/feed.atom", feed.Element(Atom + "id")?.Value);
        Assert.Equal("G7 transparency disclosures", feed.Element(Atom + "title")?.Value);
        Assert.Equal("2026-03-03T12:00:00Z", feed.Element(Atom + "updated")?.Value);
        Assert.False(string.IsNullOrEmpty(feed.Element(Atom + "author")?.Element(Atom + "name")?.Value));
        XElement self = Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Equal("https://g7flows.example/api/public/disclosures/feed.atom", (string?)self.Attribute("href"));
        XElement alternate = Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        Assert.Equal("https://g7flows.example/api/public/disclosures", (string?)alternate.Attribute("href"));
    }

    [Fact]
    public void Each_entry_has_an_id_title_times_an_alternate_link_and_categories_newest_first()
    {
        // Act
        XElement feed = Parse(PublicIndexRenderer.Atom(Entries, Site, T0.AddDays(2)));

        // Assert
        XElement[] entries = feed.Elements(Atom + "entry").ToArray();
        Assert.Equal(3, entries.Length);
        Assert.Equal(
            ["https://g7flows.example/api/public/disclosures/newest", "https://g7flows.example/api/public/disclosures/middle", "https://g7flows.example/api/public/disclosures/older"],
            entries.Select(e => e.Element(Atom + "id")?.Value));
        XElement newest = entries[0];
        Assert.Equal("防衛費 2025", newest.Element(Atom + "title")?.Value);
        Assert.Equal("2026-03-03T12:00:00Z", newest.Element(Atom + "updated")?.Value);
        Assert.Equal("2026-03-03T12:00:00Z", newest.Element(Atom + "published")?.Value);
        XElement link = Assert.Single(newest.Elements(Atom + "link"));
        Assert.Equal("alternate", (string?)link.Attribute("rel"));
        Assert.Equal("https://g7flows.example/api/public/disclosures/newest", (string?)link.Attribute("href"));
        Assert.Equal(["JP", "military-expenditure"], newest.Elements(Atom + "category").Select(c => (string?)c.Attribute("term")));
        Assert.Equal("Military expenditure published by Japan (JP).", newest.Element(Atom + "summary")?.Value);
    }

    [Fact]
    public void The_feed_reads_back_through_the_syndication_library()
    {
        // Arrange
        byte[] atom = PublicIndexRenderer.Atom(Entries, Site, T0.AddDays(2));

        // Act
        using var reader = XmlReader.Create(new MemoryStream(atom));
        SyndicationFeed feed = SyndicationFeed.Load(reader);

        // Assert
        Assert.Equal(3, feed.Items.Count());
        Assert.Equal("Defence review", feed.Items.ElementAt(1).Title.Text);
        Assert.Equal(new DateTimeOffset(T0.AddDays(1)), feed.Items.ElementAt(1).LastUpdatedTime);
    }

    [Fact]
    public void Markup_in_a_title_is_escaped_text_in_the_feed()
    {
        // Act
        byte[] atom = PublicIndexRenderer.Atom([Hostile], Site, T0);
        XElement feed = Parse(atom);

        // Assert
        Assert.DoesNotContain("<script", Encoding.UTF8.GetString(atom), StringComparison.OrdinalIgnoreCase);
        XElement entry = Assert.Single(feed.Elements(Atom + "entry"));
        Assert.Equal(Hostile.Title, entry.Element(Atom + "title")?.Value);
        Assert.Equal("https://g7flows.example/api/public/disclosures/%3Cscript%3Ealert%28%27id%27%29%3C%2Fscript%3E", entry.Element(Atom + "id")?.Value);
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_replaced_so_the_feed_stays_well_formed()
    {
        // Arrange
        PublicIndexEntry entry = Entries[0] with { Title = "Bell\u0007 and lone \uD800 surrogate, kept 😀" };

        // Act
        XElement feed = Parse(PublicIndexRenderer.Atom([entry], Site, T0));

        // Assert
        Assert.Equal("Bell\uFFFD and lone \uFFFD surrogate, kept 😀", feed.Element(Atom + "entry")?.Element(Atom + "title")?.Value);
    }

    [Fact]
    public void An_empty_feed_is_still_a_valid_feed()
    {
        // Act
        XElement feed = Parse(PublicIndexRenderer.Atom([], Site, T0));

        // Assert
        Assert.Empty(feed.Elements(Atom + "entry"));
        Assert.NotNull(feed.Element(Atom + "id"));
        Assert.NotNull(feed.Element(Atom + "author"));
    }

    [Fact]
    public void Routes_resolve_from_the_root_of_the_base_address()
    {
        // Act
        XElement feed = Parse(PublicIndexRenderer.Atom(Entries, new Uri("http://127.0.0.1:7071/some/path"), T0));

        // Assert
        Assert.Equal("http://127.0.0.1:7071/api/public/disclosures/feed.atom", feed.Element(Atom + "id")?.Value);
    }

    [Fact]
    public void A_relative_base_address_is_refused()
    {
        // Act and assert
        Assert.Throws<ArgumentException>(() => PublicIndexRenderer.Atom(Entries, new Uri("/relative", UriKind.Relative), T0));
    }

    private static XElement Parse(byte[] atom)
    {
        Assert.False(atom.Length >= 3 && atom[0] == 0xEF && atom[1] == 0xBB && atom[2] == 0xBF, "no byte-order mark");
        using var stream = new MemoryStream(atom);
        XDocument document = XDocument.Load(stream);
        Assert.Equal("utf-8", document.Declaration?.Encoding, ignoreCase: true);
        return document.Root!;
    }
}
