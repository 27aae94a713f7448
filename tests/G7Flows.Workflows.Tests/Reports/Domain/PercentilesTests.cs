using G7Flows.Workflows.Reports.Domain;

namespace G7Flows.Workflows.Tests.Reports.Domain;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(new double[] { 5 }, 0.5, 5)]
    [InlineData(new double[] { 1, 2 }, 0.5, 1.5)]
    [InlineData(new double[] { 3, 1, 2 }, 0.5, 2)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    [InlineData(new double[] { 10, 20, 30, 40 }, 0, 10)]
    [InlineData(new double[] { 10, 20, 30, 40 }, 1, 40)]
    public void Percentiles_interpolate_between_closest_ranks(double[] values, double p, double expected)
    {
        // Act
        double? result = Percentiles.Of([.. values], p);

        // Assert
        Assert.NotNull(result);
        Assert.Equal(expected, result.Value, 9);
    }

    [Fact]
    public void No_values_have_no_percentile()
    {
        // Act and Assert
        Assert.Null(Percentiles.Of([], 0.5));
    }
}
