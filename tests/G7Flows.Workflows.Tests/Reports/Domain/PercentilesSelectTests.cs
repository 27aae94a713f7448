using G7Flows.Workflows.Reports.Domain;

namespace G7Flows.Workflows.Tests.Reports.Domain;

public sealed class PercentilesSelectTests
{
    private static readonly double[] Shares = [0, 0.1, 0.25, 0.5, 0.9, 0.99, 1];

    public static TheoryData<string, double[]> Inputs()
    {
        var random = new Random(8);
        var data = new TheoryData<string, double[]>
        {
            { "one", [42] },
            { "two", [2, 1] },
            { "all equal", [.. Enumerable.Repeat(3.5, 1000)] },
            { "ascending", [.. Enumerable.Range(0, 5000).Select(i => (double)i)] },
            { "descending", [.. Enumerable.Range(0, 5000).Select(i => (double)-i)] },
            { "few distinct", [.. Enumerable.Range(0, 10_000).Select(_ => (double)random.Next(4))] },
            { "organ pipe", [.. Enumerable.Range(0, 4001).Select(i => (double)Math.Min(i, 4000 - i))] },
            { "with infinities and zeros", [double.PositiveInfinity, 0.0, -0.0, 1, double.NegativeInfinity, 0.0, 7] },
            { "with NaN", [3, double.NaN, 1, 2, double.NaN] },
        };
        for (int size = 3; size <= 100_000; size *= 7)
        {
            data.Add($"random {size}", [.. Enumerable.Range(0, size).Select(_ => random.NextDouble() * 168)]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Selection_gives_exactly_the_percentile_that_sorting_gives(string name, double[] values)
    {
        foreach (double p in Shares)
        {
            // Arrange
            double[] selected = [.. values];

            // Act
            double? bySelection = Percentiles.Select(selected, p);
            double? bySorting = Percentiles.Of([.. values], p);

            // Assert: the same value, and the same values in the span (only reordered).
            Assert.True(bySorting.Equals(bySelection), $"{name}, p = {p}: sorting {bySorting}, selection {bySelection}");
            Assert.Equal(values.Order(), selected.Order());
        }
    }

    [Fact]
    public void Selection_of_no_values_has_no_percentile()
    {
        // Act and Assert
        Assert.Null(Percentiles.Select([], 0.5));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Selection_refuses_a_share_outside_zero_to_one(double p)
    {
        // Act and Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Select(new double[] { 1, 2 }, p));
    }
}
