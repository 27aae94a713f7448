using CsCheck;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.Workflows.Tests.Platform.Http;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT10S", 10.0)]
    [InlineData("PT0S", 0.0)]
    [InlineData("PT1.5S", 1.5)]
    [InlineData("PT0.001S", 0.001)]
    [InlineData("PT90M", 5400.0)]
    [InlineData("PT2H", 7200.0)]
    [InlineData("P1D", 86400.0)]
    [InlineData("P1W", 604800.0)]
    [InlineData("P1W2D", 777600.0)]
    [InlineData("P2DT3H4M5.5S", 183845.5)]
    [InlineData("P90D", 7776000.0)]
    [InlineData("P3650D", 315360000.0)]
    public void A_duration_in_weeks_days_hours_minutes_and_seconds_is_read(string text, double expectedSeconds)
    {
        // Act
        bool parsed = IsoDuration.TryParse(text, out TimeSpan duration);

        // Assert
        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1Y2M3D")]
    [InlineData("-PT1S")]
    [InlineData("P-1D")]
    [InlineData("1D")]
    [InlineData("PT1D")]
    [InlineData("P1H")]
    [InlineData("p1d")]
    [InlineData("P1d")]
    [InlineData(" P1D")]
    [InlineData("P1D ")]
    [InlineData("P1.5D")]
    [InlineData("PT1,5S")]
    [InlineData("PT1.23456S")]
    [InlineData("PT.5S")]
    [InlineData("P1DT2H3H")]
    [InlineData("PT1S2M")]
    [InlineData("P2D1W")]
    [InlineData("P3651D")]
    [InlineData("P9999W")]
    [InlineData("PT999999999S")]
    [InlineData("P99999DT999999H9999999M999999999.999S")]
    [InlineData("P00000000000000000000000000000000000001D")]
    public void Anything_else_is_not_a_duration(string? text)
    {
        // Act
        bool parsed = IsoDuration.TryParse(text, out TimeSpan duration);

        // Assert
        Assert.False(parsed);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData("P\u0663D")] // ARABIC-INDIC DIGIT THREE
    [InlineData("PT\u0661\u0660S")] // ARABIC-INDIC ONE ZERO
    [InlineData("P\uFF11D")] // FULLWIDTH DIGIT ONE
    [InlineData("PT\u096AH")] // DEVANAGARI DIGIT FOUR
    public void Digits_other_than_ascii_are_refused_without_an_exception(string text)
    {
        // Act
        bool parsed = false;
        Exception? thrown = Record.Exception(() => parsed = IsoDuration.TryParse(text, out _));

        // Assert: a Try method answers false; an exception here is a 500 for a bad request body
        Assert.Null(thrown);
        Assert.False(parsed);
    }

    [Theory]
    [InlineData("P1D\n")]
    [InlineData("PT10S\n")]
    public void A_trailing_line_break_is_not_part_of_a_duration(string text)
    {
        // Act
        bool parsed = IsoDuration.TryParse(text, out _);

        // Assert: the pattern must match the whole text ('$' also matches before a final line break)
        Assert.False(parsed);
    }

    [Theory]
    [InlineData(10.0, "PT10S")]
    [InlineData(86400.0, "P1D")]
    [InlineData(183845.5, "P2DT3H4M5.5S")]
    public void Format_writes_iso_8601(double seconds, string expected)
    {
        // Act
        string text = IsoDuration.Format(TimeSpan.FromSeconds(seconds));

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void What_format_writes_parse_reads_back()
    {
        // Arrange: whole milliseconds up to the ten-year limit
        Gen<TimeSpan> durations = Gen.Long[0, (long)TimeSpan.FromDays(3650).TotalMilliseconds].Select(ms => TimeSpan.FromMilliseconds(ms));

        // Act and Assert
        durations.Sample(
            duration =>
            {
                string text = IsoDuration.Format(duration);
                Assert.True(IsoDuration.TryParse(text, out TimeSpan read), $"'{text}' did not parse.");
                Assert.Equal(duration, read);
            },
            iter: 5000);
    }
}
