namespace G7Flows.Workflows.Reports.Domain;

/// <summary>Percentiles by linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC rule).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0–1) of the values, or null when there are none. Sorts the list in place.</summary>
    public static double? Of(List<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        double rank = p * (values.Count - 1);
        int low = (int)Math.Floor(rank);
        int high = (int)Math.Ceiling(rank);
        return values[low] + ((values[high] - values[low]) * (rank - low));
    }
}
