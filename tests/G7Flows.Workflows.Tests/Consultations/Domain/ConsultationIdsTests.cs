using G7Flows.Workflows.Consultations.Domain;


namespace G7Flows.Workflows.Tests.Consultations.Domain;

public sealed class ConsultationIdsTests
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    [Fact]
    public void A_new_id_is_26_lower_case_base32_characters()
    {
        // Act
        string id = ConsultationIds.New();

        // Assert
        Assert.Equal(26, id.Length);
        Assert.All(id, c => Assert.Contains(c, Base32));
        Assert.True(ConsultationIds.IsWellFormed(id));
    }

    [Fact]
    public void New_ids_do_not_repeat()
    {
        // Act
        string[] ids = [.. Enumerable.Range(0, 10_000).Select(_ => ConsultationIds.New())];

        // Assert
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.True(ConsultationIds.IsWellFormed(id), id));
    }

    [Fact]
    public void New_ids_use_the_whole_alphabet()
    {
        // Act
        var seen = Enumerable.Range(0, 1000).SelectMany(_ => ConsultationIds.New()).ToHashSet();

        // Assert
        Assert.Equal(Base32.Order(), seen.Order());
    }

    [Fact]
    public void The_same_subject_and_key_give_the_same_id()
    {
        // Act
        string first = ConsultationIds.FromIdempotencyKey("subject-1", "key-2026-03-02-001");
        string retried = ConsultationIds.FromIdempotencyKey("subject-1", "key-2026-03-02-001");

        // Assert
        Assert.Equal(first, retried);
        Assert.True(ConsultationIds.IsWellFormed(first));
    }

    [Theory]
    [InlineData("subject-2", "key-2026-03-02-001")]
    [InlineData("subject-1", "key-2026-03-02-002")]
    [InlineData("Subject-1", "key-2026-03-02-001")]
    [InlineData("subject-1", "KEY-2026-03-02-001")]
    [InlineData("subject-1key-2026-03-02-001", "")]
    [InlineData("", "subject-1key-2026-03-02-001")]
    public void Another_subject_or_key_gives_another_id(string subject, string key)
    {
        // Act
        string id = ConsultationIds.FromIdempotencyKey(subject, key);

        // Assert
        Assert.NotEqual(ConsultationIds.FromIdempotencyKey("subject-1", "key-2026-03-02-001"), id);
        Assert.True(ConsultationIds.IsWellFormed(id));
    }

    [Fact]
    public void An_id_from_a_key_is_stable_across_releases()
    {
        // Act: a retried request after a deployment must find the consultation it started before
        string id = ConsultationIds.FromIdempotencyKey("subject-1", "key-1");

        // Assert
        Assert.Equal(ExpectedFromKey("subject-1", "key-1"), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    [InlineData("abcdefghijklmnopqrstuvwxyz2")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    [InlineData("Abcdefghijklmnopqrstuvwxyz")]
    [InlineData("abcdefghijklmnopqrstuvwxy0")]
    [InlineData("abcdefghijklmnopqrstuvwxy1")]
    [InlineData("abcdefghijklmnopqrstuvwxy8")]
    [InlineData("abcdefghijklmnopqrstuvwxy=")]
    [InlineData("../../../../../../../../..")]
    [InlineData("abcdefghijkl/../qrstuvwxyz")]
    [InlineData("abcdefghijklm%2fpqrstuvwxy")]
    [InlineData("abcdefghijklmnopqrstuvwxy ")]
    [InlineData("abcdefghijklmnopqrstuvwxyž")]
    public void Anything_but_26_base32_characters_is_not_an_id(string? id)
    {
        // Act
        bool wellFormed = ConsultationIds.IsWellFormed(id);

        // Assert
        Assert.False(wellFormed);
    }

    /// <summary>The documented derivation, written out independently: base32 of SHA-256("consultation\n{subject}\n{key}"), 26 characters.</summary>
    private static string ExpectedFromKey(string subject, string key)
    {
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"consultation\n{subject}\n{key}"));
        var bits = string.Concat(hash.Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
        return string.Concat(Enumerable.Range(0, 26).Select(i => Base32[Convert.ToInt32(bits.Substring(i * 5, 5), 2)]));
    }
}
