using System.Text;
using System.Text.Json;
using G7Flows.Workflows.Disclosures.Publishing;

namespace G7Flows.Workflows.Tests.Disclosures.Publishing;

public sealed class PublicIndexTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static PublicIndexEntry Entry(string id, int hours, string title = "A disclosure") =>
        new(id, "FR", "defence-policy", title, T0.AddHours(hours), new string('a', 64));

    [Fact]
    public void An_entry_added_to_the_empty_index_is_its_only_entry()
    {
        // Act
        PublicIndex index = PublicIndex.Add(PublicIndex.Empty, Entry("d1", 0));

        // Assert
        Assert.Equal([Entry("d1", 0)], index.Entries);
        Assert.Empty(PublicIndex.Empty.Entries);
    }

    [Fact]
    public void Adding_the_same_id_twice_keeps_one_entry_the_first()
    {
        // Arrange
        PublicIndex once = PublicIndex.Add(PublicIndex.Empty, Entry("d1", 0, "First"));

        // Act
        PublicIndex again = PublicIndex.Add(once, Entry("d1", 0, "First"));
        PublicIndex changed = PublicIndex.Add(once, Entry("d1", 5, "Second"));

        // Assert
        Assert.Same(once, again);
        Assert.Same(once, changed);
        Assert.Equal("First", Assert.Single(changed.Entries).Title);
    }

    [Fact]
    public void Entries_are_newest_first_and_those_published_together_in_id_order()
    {
        // Arrange
        PublicIndex index = PublicIndex.Empty;

        // Act
        foreach (PublicIndexEntry entry in new[] { Entry("d2", 1), Entry("d4", 3), Entry("d1", 0), Entry("d3b", 3), Entry("d3a", 3) })
        {
            index = PublicIndex.Add(index, entry);
        }

        // Assert
        Assert.Equal(["d3a", "d3b", "d4", "d2", "d1"], index.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Adding_in_any_order_with_repeats_gives_the_same_index()
    {
        // Arrange: what two publishers racing and retrying may do; every ordering must converge.
        PublicIndexEntry[] entries = [Entry("d1", 0), Entry("d2", 2), Entry("d3", 2), Entry("d2", 2), Entry("d4", -1)];
        string[] expected = ["d2", "d3", "d1", "d4"];

        // Act and assert
        foreach (IEnumerable<PublicIndexEntry> order in Permutations(entries))
        {
            PublicIndex index = order.Aggregate(PublicIndex.Empty, PublicIndex.Add);
            Assert.Equal(expected, index.Entries.Select(e => e.Id));
        }
    }

    [Fact]
    public void Adding_an_entry_leaves_the_current_index_unchanged()
    {
        // Arrange
        PublicIndex before = PublicIndex.Add(PublicIndex.Empty, Entry("d1", 0));

        // Act
        PublicIndex after = PublicIndex.Add(before, Entry("d2", 1));

        // Assert
        Assert.Single(before.Entries);
        Assert.Equal(2, after.Entries.Count);
        Assert.True(after.Contains("d1"));
        Assert.False(before.Contains("d2"));
    }

    [Fact]
    public void The_stored_document_reads_back_as_the_same_index()
    {
        // Arrange
        PublicIndex index = new[] { Entry("d1", 0, "Défense <b>&</b> \"budget\" 防衛"), Entry("d2", 1) }.Aggregate(PublicIndex.Empty, PublicIndex.Add);

        // Act
        PublicIndex read = PublicIndex.FromJson(index.ToJson());

        // Assert
        Assert.Equal(index.Entries, read.Entries);
        Assert.All(read.Entries, e => Assert.Equal(DateTimeKind.Utc, e.PublishedAt.Kind));
    }

    [Fact]
    public void The_stored_document_is_camel_case_json_with_utc_times()
    {
        // Act
        using JsonDocument json = JsonDocument.Parse(PublicIndex.Add(PublicIndex.Empty, Entry("d1", 0)).ToJson());

        // Assert
        JsonElement entry = Assert.Single(json.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal("d1", entry.GetProperty("id").GetString());
        Assert.Equal("2026-03-01T12:00:00Z", entry.GetProperty("publishedAt").GetString());
        Assert.Equal(new string('a', 64), entry.GetProperty("sha256").GetString());
    }

    [Fact]
    public void A_document_read_back_is_put_in_order_and_repeated_ids_dropped()
    {
        // Arrange
        const string json = """
            {"entries":[
              {"id":"old","nation":"DE","kind":"exercise-report","title":"Old","publishedAt":"2026-01-01T00:00:00Z","sha256":"1"},
              {"id":"new","nation":"JP","kind":"defence-policy","title":"New","publishedAt":"2026-02-01T00:00:00Z","sha256":"2"},
              {"id":"old","nation":"DE","kind":"exercise-report","title":"Again","publishedAt":"2026-03-01T00:00:00Z","sha256":"3"}
            ]}
            """;

        // Act
        PublicIndex index = PublicIndex.FromJson(Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.Equal(["new", "old"], index.Entries.Select(e => e.Id));
        Assert.Equal("Old", index.Entries[1].Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"entries":null}""")]
    [InlineData("""{"entries":[null]}""")]
    [InlineData("""{"entries":[{"id":"d1","nation":"FR","kind":"defence-policy","title":"T","publishedAt":"2026-01-01T00:00:00Z"}]}""")]
    [InlineData("""{"entries":[{"id":null,"nation":"FR","kind":"defence-policy","title":"T","publishedAt":"2026-01-01T00:00:00Z","sha256":"1"}]}""")]
    [InlineData("""{"entries":[{"id":"d1","nation":"FR","kind":"defence-policy","title":"T","publishedAt":"yesterday","sha256":"1"}]}""")]
    public void A_damaged_document_is_refused_rather_than_read_as_empty(string json)
    {
        // Act and assert
        Assert.ThrowsAny<JsonException>(() => PublicIndex.FromJson(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Unspecified_times_are_taken_as_utc()
    {
        // Act
        PublicIndex index = PublicIndex.Add(PublicIndex.Empty, Entry("d1", 0) with { PublishedAt = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Unspecified) });

        // Assert
        Assert.Equal(DateTimeKind.Utc, index.Entries[0].PublishedAt.Kind);
        Assert.Equal(T0, index.Entries[0].PublishedAt);
    }

    private static IEnumerable<IEnumerable<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : Enumerable.Range(0, items.Count).SelectMany(i =>
                Permutations(items.Where((_, j) => j != i).ToList()).Select(rest => rest.Prepend(items[i])));
}
