using System.Numerics;
using System.Runtime.InteropServices;

namespace G7Flows.Workflows.Reports.Domain;

/// <summary>Percentiles by linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC rule).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0–1) of the values, or null when there are none. Sorts the list in place.</summary>
    public static double? Of(List<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckShare(p);
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return Interpolate(p, CollectionsMarshal.AsSpan(values));
    }

    /// <summary>
    /// The same percentile as <see cref="Of"/>, found by selection rather than by sorting (linear time on average, which
    /// matters for the hundreds of thousands of answer times of a large period). Reorders the values in place.
    /// </summary>
    public static double? Select(Span<double> values, double p)
    {
        CheckShare(p);
        if (values.IsEmpty)
        {
            return null;
        }

        if (HasNaN(values))
        {
            // Sorting puts NaN first; selection by comparison would not, so keep the sorting rule for such input.
            values.Sort();
            return Interpolate(p, values);
        }

        var (rank, low, high) = RankOf(p, values.Length);
        double lowValue = Nth(values, low);
        double highValue = lowValue;
        if (high != low)
        {
            // After selecting rank low, everything after it is at least as large: the next rank is their minimum.
            highValue = double.PositiveInfinity;
            foreach (double v in values[(low + 1)..])
            {
                highValue = Math.Min(highValue, v);
            }
        }

        return Between(lowValue, highValue, rank - low);
    }

    private static double Interpolate(double p, Span<double> sorted)
    {
        var (rank, low, high) = RankOf(p, sorted.Length);
        return Between(sorted[low], sorted[high], rank - low);
    }

    /// <summary>The fractional rank of the <paramref name="p"/>-th percentile among <paramref name="count"/> values, and the ranks either side of it.</summary>
    private static (double Rank, int Low, int High) RankOf(double p, int count)
    {
        double rank = p * (count - 1);
        return (rank, (int)Math.Floor(rank), (int)Math.Ceiling(rank));
    }

    private static double Between(double low, double high, double fraction) => low + ((high - low) * fraction);

    /// <summary>
    /// Puts the value of rank <paramref name="k"/> (0-based, ascending) at index k, smaller or equal ones before it and
    /// larger or equal ones after it, and returns it (quickselect with a median-of-three pivot; a range that keeps
    /// failing to shrink is sorted instead, so the worst case stays n log n).
    /// </summary>
    private static double Nth(Span<double> values, int k)
    {
        int left = 0;
        int right = values.Length - 1;
        int budget = 2 * (BitOperations.Log2((uint)values.Length) + 1);
        while (right > left)
        {
            if (budget-- == 0)
            {
                values[left..(right + 1)].Sort();
                break;
            }

            int middle = left + ((right - left) / 2);
            double pivot = MedianOfThree(values[left], values[middle], values[right]);
            int i = left;
            int j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now [left, j] <= pivot <= [i, right], and anything strictly between j and i equals the pivot.
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));

    private static bool HasNaN(Span<double> values)
    {
        foreach (double v in values)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckShare(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
    }
}
