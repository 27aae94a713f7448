using System.Diagnostics;
using System.Text;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Domain;

public sealed class RevisionDiffTests
{
    [Fact]
    public void Identical_texts_have_only_unchanged_lines()
    {
        var (lines, counts) = RevisionDiff.Compare("# Policy\n\nThe law.", "# Policy\n\nThe law.");

        Assert.Equal(new DiffCounts(3, 0, 0), counts);
        Assert.All(lines, l => Assert.Equal(DiffChanges.Unchanged, l.Change));
        Assert.Equal([1, 2, 3], lines.Select(l => l.OldLine!.Value));
        Assert.Equal([1, 2, 3], lines.Select(l => l.NewLine!.Value));
    }

    [Fact]
    public void A_changed_line_is_deleted_then_inserted_with_its_changed_words_marked()
    {
        var (lines, counts) = RevisionDiff.Compare("# Policy\nThe annex is attached.\nEnd.", "# Policy\nThe annex is withdrawn.\nEnd.");

        Assert.Equal(new DiffCounts(2, 1, 1), counts);
        Assert.Equal([DiffChanges.Unchanged, DiffChanges.Deleted, DiffChanges.Inserted, DiffChanges.Unchanged], lines.Select(l => l.Change));
        DiffLine deleted = lines[1], inserted = lines[2];
        Assert.Equal((2, (int?)null), (deleted.OldLine!.Value, deleted.NewLine));
        Assert.Equal(((int?)null, 2), (inserted.OldLine, inserted.NewLine!.Value));
        Assert.Equal("The annex is attached.", string.Concat(deleted.Words!.Select(w => w.Text)));
        Assert.Equal("The annex is withdrawn.", string.Concat(inserted.Words!.Select(w => w.Text)));
        Assert.Equal(["attached"], deleted.Words!.Where(w => w.Change == DiffChanges.Deleted).Select(w => w.Text));
        Assert.Equal(["withdrawn"], inserted.Words!.Where(w => w.Change == DiffChanges.Inserted).Select(w => w.Text));
        Assert.DoesNotContain(deleted.Words!, w => w.Change == DiffChanges.Inserted);
        Assert.DoesNotContain(inserted.Words!, w => w.Change == DiffChanges.Deleted);
    }

    [Fact]
    public void Lines_added_or_removed_whole_carry_no_words()
    {
        var (lines, counts) = RevisionDiff.Compare("a\nb\nc", "a\nc\nd");

        Assert.Equal(new DiffCounts(2, 1, 1), counts);
        Assert.Equal(
            [(DiffChanges.Unchanged, "a"), (DiffChanges.Deleted, "b"), (DiffChanges.Unchanged, "c"), (DiffChanges.Inserted, "d")],
            lines.Select(l => (l.Change, l.Text)));
        Assert.All(lines, l => Assert.Null(l.Words));
    }

    [Fact]
    public void Against_the_empty_text_every_line_is_inserted()
    {
        var (lines, counts) = RevisionDiff.Compare(string.Empty, "one\ntwo");

        Assert.Equal(new DiffCounts(0, 2, 0), counts);
        Assert.Equal([(1, "one"), (2, "two")], lines.Select(l => (l.NewLine!.Value, l.Text)));
        Assert.All(lines, l => Assert.Equal(DiffChanges.Inserted, l.Change));
    }

    [Fact]
    public void Line_breaks_CRLF_and_LF_do_not_count_as_changes()
    {
        var (_, counts) = RevisionDiff.Compare("one\r\ntwo\r\n", "one\ntwo\n");

        Assert.Equal(0, counts.Inserted + counts.Deleted);
    }

    [Fact]
    public void White_space_and_case_count_as_changes()
    {
        var (_, spaces) = RevisionDiff.Compare("    code", "code");
        var (_, letters) = RevisionDiff.Compare("Secret", "SECRET");

        Assert.Equal(1, spaces.Deleted);
        Assert.Equal(1, letters.Inserted);
    }

    [Fact]
    public void Markup_in_the_text_is_returned_as_it_is_for_the_reader_to_insert_as_text()
    {
        var (lines, _) = RevisionDiff.Compare("x", "<img src=x onerror=alert(1)>");

        Assert.Contains(lines, l => l.Text == "<img src=x onerror=alert(1)>");
    }

    [Fact]
    public void The_largest_texts_entirely_rewritten_compare_in_bounded_time_and_lose_no_line()
    {
        // Arrange: two bodies at the submission limit, of short lines that all differ (the worst case for Myers' algorithm),
        // with a common first and last line.
        string before = "# Title\n" + Body('a') + "\nEnd.", after = "# Title\n" + Body('b') + "\nEnd.";

        // Act
        var watch = Stopwatch.StartNew();
        var (lines, counts) = RevisionDiff.Compare(before, after);
        watch.Stop();

        // Assert
        int oldLines = before.Split('\n').Length, newLines = after.Split('\n').Length;
        Assert.Equal(new DiffCounts(2, newLines - 2, oldLines - 2), counts);
        Assert.Equal(oldLines + newLines - 2, lines.Count);
        Assert.Equal(("# Title", "End."), (lines[0].Text, lines[^1].Text));
        Assert.All(lines.Skip(1).Take(oldLines - 2), l => Assert.Equal(DiffChanges.Deleted, l.Change));
        Assert.Equal(before.Split('\n')[1..^1], lines.Where(l => l.Change == DiffChanges.Deleted).Select(l => l.Text));
        Assert.Equal(after.Split('\n')[1..^1], lines.Where(l => l.Change == DiffChanges.Inserted).Select(l => l.Text));
        Assert.Equal(Enumerable.Range(2, newLines - 2), lines.Where(l => l.Change == DiffChanges.Inserted).Select(l => l.NewLine!.Value));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Comparing took {watch.Elapsed}.");

        static string Body(char prefix)
        {
            var text = new StringBuilder();
            for (int i = 0; text.Length < DisclosureLimits.MaxBodyLength - 40; i++)
            {
                text.Append(prefix).Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }

            return text.ToString(0, text.Length - 1);
        }
    }

    [Theory]
    [InlineData(RevisionDiff.MaxLinesCompared / 2, false)]
    [InlineData(RevisionDiff.MaxLinesCompared / 2 + 1, true)]
    public void Above_the_comparison_limit_the_differing_middle_is_shown_removed_and_added_whole(int count, bool whole)
    {
        // Arrange: distinct lines whose first and last change, so that the differing middle is the whole text.
        string[] old = [.. Enumerable.Range(0, count).Select(i => $"line {i}")];
        string[] changed = [.. old];
        changed[0] = "a new first line";
        changed[^1] = "a new last line";

        // Act
        var (lines, counts) = RevisionDiff.Compare(string.Join('\n', old), string.Join('\n', changed));

        // Assert: within the limit the unchanged lines inside are found; above it the middle is replaced whole, truly.
        Assert.Equal(whole ? new DiffCounts(0, count, count) : new DiffCounts(count - 2, 2, 2), counts);
        Assert.Equal(changed, lines.Where(l => l.Change != DiffChanges.Deleted).Select(l => l.Text));
        Assert.Equal(old, lines.Where(l => l.Change != DiffChanges.Inserted).Select(l => l.Text));
    }

    [Fact]
    public void Screening_records_the_length_of_each_flagged_span()
    {
        string text = "Contact: jane.doe@example.org today.";

        ScreeningFinding finding = Assert.Single(DisclosureScreener.Screen(text, "FR").Findings);

        Assert.Equal("jane.doe@example.org", text.Substring(finding.Column - 1, finding.Length!.Value));
    }
}
