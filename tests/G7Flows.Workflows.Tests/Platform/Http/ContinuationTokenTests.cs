using System.Text;
using CsCheck;
using G7Flows.Workflows.Platform.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace G7Flows.Workflows.Tests.Platform.Http;

public sealed class ContinuationTokenTests
{
    [Theory]
    [InlineData("1!12!Y29uc3VsdGF0aW9ucw--")]
    [InlineData("NextPartitionKey=abc&NextRowKey=def")]
    [InlineData("x")]
    [InlineData("ünïcødé / + = ?")]
    public void A_token_survives_the_round_trip(string tableToken)
    {
        // Act
        string encoded = ContinuationToken.Encode(tableToken);
        bool decoded = ContinuationToken.TryDecode(encoded, out string? token);

        // Assert
        Assert.True(decoded);
        Assert.Equal(tableToken, token);
    }

    [Fact]
    public void An_encoded_token_is_safe_in_a_query_string()
    {
        // Act
        string encoded = ContinuationToken.Encode("a+b/c=d?e&f ü");

        // Assert
        Assert.Matches("^[A-Za-z0-9_-]+$", encoded);
    }

    [Fact]
    public void Any_printable_token_survives_the_round_trip()
    {
        // Arrange
        Gen<string> tokens = Gen.String[Gen.Char[' ', '~'], 1, 500];

        // Act and Assert
        tokens.Sample(
            tableToken =>
            {
                Assert.True(ContinuationToken.TryDecode(ContinuationToken.Encode(tableToken), out string? token));
                Assert.Equal(tableToken, token);
            },
            iter: 2000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!!")]
    [InlineData("abc")]
    [InlineData("a")]
    [InlineData("not a token at all")]
    [InlineData("Zzg=")]
    public void Garbage_is_not_a_token(string value)
    {
        // Act
        bool decoded = ContinuationToken.TryDecode(value, out string? token);

        // Assert
        Assert.False(decoded);
        Assert.Null(token);
    }

    [Theory]
    [InlineData("someone-else:token")]
    [InlineData("G7F1:token")]
    [InlineData("g7f1")]
    [InlineData("g7f1:")]
    [InlineData("g7f1:tok\u0000en")]
    [InlineData("g7f1:line\nbreak")]
    public void A_decodable_value_that_g7flows_did_not_give_out_is_not_a_token(string plain)
    {
        // Arrange
        string value = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(plain));

        // Act
        bool decoded = ContinuationToken.TryDecode(value, out string? token);

        // Assert
        Assert.False(decoded);
        Assert.Null(token);
    }

    [Fact]
    public void An_oversized_value_is_not_a_token()
    {
        // Arrange
        string value = ContinuationToken.Encode(new string('t', 2000));
        Assert.True(value.Length > 2048);

        // Act
        bool decoded = ContinuationToken.TryDecode(value, out string? token);

        // Assert
        Assert.False(decoded);
        Assert.Null(token);
    }
}
