using System.Security.Cryptography;
using System.Text;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Tests.Platform.Storage;

/// <summary>The canonical form of an audit entry and its hash: exact bytes, every field bound, no ambiguity.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, 123, TimeSpan.FromHours(1));

    private static AuditEntity Entry(string? detail = "Approve: agreed", string? nation = "FR") => new()
    {
        PartitionKey = "mq3xk7vb2nw5rt6yp4zd2hc7ja",
        RowKey = "0639080000001230000-answer-FR",
        At = At,
        Actor = "reviewer.fr@g7.example",
        Action = "response-submitted",
        Nation = nation,
        Detail = detail,
        Source = "203.0.113.7",
        Sequence = 3,
        PreviousHash = new string('a', 64),
    };

    [Fact]
    public void The_canonical_form_lists_every_field_in_order_with_its_UTF8_length_and_the_time_in_UTC()
    {
        // Act
        string canonical = AuditChain.Canonical(Entry(detail: "Zustimmung, übrigens"));

        // Assert: "übrigens" has one two-byte letter, so the detail is 21 bytes for 20 characters.
        Assert.Equal(
            "g7flows-audit/1\n" +
            "26:mq3xk7vb2nw5rt6yp4zd2hc7ja\n" +
            "29:0639080000001230000-answer-FR\n" +
            "1:3\n" +
            "64:" + new string('a', 64) + "\n" +
            "28:2026-03-02T08:00:00.1230000Z\n" +
            "22:reviewer.fr@g7.example\n" +
            "18:response-submitted\n" +
            "2:FR\n" +
            "21:Zustimmung, übrigens\n" +
            "11:203.0.113.7\n",
            canonical);
    }

    [Fact]
    public void The_hash_is_the_SHA256_of_the_canonical_form_in_lower_case_hex()
    {
        // Arrange
        AuditEntity entry = Entry();
        string expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditChain.Canonical(entry))));

        // Act
        string hash = AuditChain.HashOf(entry);

        // Assert
        Assert.Equal(expected, hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void A_null_field_and_an_empty_field_hash_differently()
    {
        // Act
        string withNull = AuditChain.HashOf(Entry(detail: null));
        string withEmpty = AuditChain.HashOf(Entry(detail: string.Empty));

        // Assert
        Assert.Contains("\n~\n", AuditChain.Canonical(Entry(detail: null)), StringComparison.Ordinal);
        Assert.Contains("\n0:\n", AuditChain.Canonical(Entry(detail: string.Empty)), StringComparison.Ordinal);
        Assert.NotEqual(withNull, withEmpty);
    }

    [Fact]
    public void Moving_text_from_one_field_to_the_next_changes_the_hash()
    {
        // Arrange: the same characters, split differently between nation and detail.
        AuditEntity a = Entry(nation: "FR", detail: "x");
        AuditEntity b = Entry(nation: "FRx", detail: string.Empty);

        // Act and Assert
        Assert.NotEqual(AuditChain.HashOf(a), AuditChain.HashOf(b));
    }

    [Fact]
    public void The_same_instant_in_another_offset_hashes_the_same()
    {
        // Arrange
        AuditEntity local = Entry();
        AuditEntity utc = Entry();
        utc.At = At.ToUniversalTime();

        // Act and Assert
        Assert.Equal(AuditChain.HashOf(local), AuditChain.HashOf(utc));
    }

    public static TheoryData<string> Fields() => ["PartitionKey", "RowKey", "Sequence", "PreviousHash", "At", "Actor", "Action", "Nation", "Detail", "Source"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Changing_any_field_changes_the_hash(string field)
    {
        // Arrange
        AuditEntity entry = Entry();
        string before = AuditChain.HashOf(entry);

        // Act
        switch (field)
        {
            case "PartitionKey": entry.PartitionKey += "x"; break;
            case "RowKey": entry.RowKey += "x"; break;
            case "Sequence": entry.Sequence = 4; break;
            case "PreviousHash": entry.PreviousHash = new string('b', 64); break;
            case "At": entry.At = entry.At.AddTicks(1); break;
            case "Actor": entry.Actor += "x"; break;
            case "Action": entry.Action += "x"; break;
            case "Nation": entry.Nation = "DE"; break;
            case "Detail": entry.Detail += "."; break;
            case "Source": entry.Source = "203.0.113.8"; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }

        // Assert
        Assert.NotEqual(before, AuditChain.HashOf(entry));
    }

    [Fact]
    public void Link_sets_the_place_the_previous_hash_and_the_hash()
    {
        // Arrange
        AuditEntity entry = Entry();

        // Act
        AuditChain.Link(entry, 1, AuditChain.Genesis);

        // Assert
        Assert.Equal(1, entry.Sequence);
        Assert.Equal(AuditChain.Genesis, entry.PreviousHash);
        Assert.Equal(AuditChain.HashOf(entry), entry.Hash);
        Assert.Equal(new string('0', 64), AuditChain.Genesis);
    }
}
