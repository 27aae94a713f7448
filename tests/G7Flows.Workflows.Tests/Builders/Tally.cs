using G7Flows.Workflows.Consultations.Domain;


namespace G7Flows.Workflows.Tests.Builders;

/// <summary>Reads the readable shorthand of test tables: <c>"FR DE GB"</c> and <c>"FR:approve DE:object"</c>.</summary>
internal static class Tally
{
    /// <summary>Nation codes separated by spaces.</summary>
    public static IReadOnlyList<string> Nations(string codes) =>
        codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Positions as <c>NATION:position</c> pairs separated by spaces; an empty string is nobody.</summary>
    public static Dictionary<string, Position> Positions(string pairs)
    {
        var positions = new Dictionary<string, Position>(StringComparer.Ordinal);
        foreach (string pair in pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split(':');
            if (parts.Length != 2 || !WireNames.TryParsePosition(parts[1], out Position position))
            {
                throw new ArgumentException($"'{pair}' is not NATION:position.", nameof(pairs));
            }

            positions.Add(parts[0], position);
        }

        return positions;
    }
}
