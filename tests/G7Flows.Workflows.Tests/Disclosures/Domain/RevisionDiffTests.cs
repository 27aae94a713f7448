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
        // Arrange: two bodies at the submission limit, every line different (the worst case for Myers' algorithm).
        string before = Body('a'), after = Body('b');

        // Act
        var watch = Stopwatch.StartNew();
        var (lines, counts) = RevisionDiff.Compare(before, after);
        watch.Stop();

        // Assert
        int oldLines = before.Split('\n').Length, newLines = after.Split('\n').Length;
        Assert.Equal(new DiffCounts(0, newLines, oldLines), counts);
        Assert.Equal(oldLines + newLines, lines.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Comparing took {watch.Elapsed}.");

        static string Body(char prefix)
        {
            var text = new StringBuilder();
            for (int i = 0; text.Length < DisclosureLimits.MaxBodyLength - 20; i++)
            {
                text.Append(prefix).Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }

            return text.ToString(0, text.Length - 1);
        }
    }

    [Fact]
    public void Screening_records_the_length_of_each_flagged_span()
    {
        string text = "Contact: jane.doe@example.org today.";

        ScreeningFinding finding = Assert.Single(DisclosureScreener.Screen(text, "FR").Findings);

        Assert.Equal("jane.doe@example.org", text.Substring(finding.Column - 1, finding.Length!.Value));
    }
}
