using System.Text.RegularExpressions;

namespace G7Flows.Benchmarks;

/// <summary>Warnings and errors the server logged during the whole run, by category and event id, with a few examples.</summary>
internal sealed partial record LogWarning(string Level, string Category, int Count, IReadOnlyList<string> Examples)
{
    /// <summary>Reads the console log (simple formatter: "warn: Category[id]" and the message on the next line).</summary>
    public static IReadOnlyList<LogWarning> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var found = new Dictionary<(string Level, string Category), (int Count, List<string> Examples)>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            Match m = Header().Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            var key = (m.Groups[1].Value, m.Groups[2].Value);
            string message = m.Groups[3].Value.Length > 0 ? m.Groups[3].Value : i + 1 < lines.Length ? lines[i + 1].Trim() : string.Empty;
            if (!found.TryGetValue(key, out var entry))
            {
                entry = (0, []);
            }

            if (entry.Examples.Count < 5)
            {
                entry.Examples.Add(message.Length > 300 ? message[..300] : message);
            }

            found[key] = (entry.Count + 1, entry.Examples);
        }

        return [.. found.Select(f => new LogWarning(f.Key.Level, f.Key.Category, f.Value.Count, f.Value.Examples)).OrderByDescending(w => w.Count)];
    }

    /// <summary>"warn: Category[id]" at the start of a line, after an optional timestamp, and the message when on the same line.</summary>
    [GeneratedRegex(@"^(?:\d\d:\d\d:\d\d\.\d\d\d )?(warn|fail|crit): (\S+)\s*(.*)$")]
    private static partial Regex Header();
}
