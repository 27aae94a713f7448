using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace G7Flows.Workflows.Reports.Publishing;

/// <summary>A named row of values, one per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A horizontal line across a chart at a value, such as a guideline.</summary>
public sealed record ReferenceLine(double Value, string Label);

/// <summary>
/// A small renderer of bar charts as inline SVG, for pages that load nothing: each chart has a <c>title</c> and a
/// <c>desc</c> (its text alternative, referenced by <c>aria-labelledby</c>), every bar a <c>title</c> with its value,
/// and nothing but SVG elements and inline attributes. Every string is escaped.
/// </summary>
public static class SvgChart
{
    public const int Width = 640;
    public const int Height = 300;

    /// <summary>The plot area: left, top, right and bottom edges.</summary>
    public const int Left = 56;
    public const int Top = 36;
    public const int Right = Width - 16;
    public const int Bottom = Height - 56;

    private static readonly string[] Palette = ["#1b5e20", "#b71c1c", "#6d4c41", "#455a64", "#1565c0", "#ef6c00"];

    /// <summary>One stacked bar per category, a segment per series (e.g. outcomes per nation).</summary>
    public static string StackedBars(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        Check(categories, series);
        double max = Enumerable.Range(0, categories.Count).Select(i => series.Sum(s => Math.Max(0, s.Values[i]))).DefaultIfEmpty(0).Max();
        var svg = Open(id, title, description);
        double scale = Scale(max);
        Axis(svg, scale);
        double slot = (Right - Left) / (double)Math.Max(1, categories.Count);
        for (int i = 0; i < categories.Count; i++)
        {
            double x = Left + (i * slot) + (slot * 0.2);
            double y = Bottom;
            for (int s = 0; s < series.Count; s++)
            {
                double value = Math.Max(0, series[s].Values[i]);
                double h = value / scale * (Bottom - Top);
                y -= h;
                Bar(svg, x, y, slot * 0.6, h, Palette[s % Palette.Length], series[s].Name, categories[i], value);
            }

            CategoryLabel(svg, Left + (i * slot) + (slot / 2), categories[i]);
        }

        Legend(svg, series);
        return Close(svg, max == 0);
    }

    /// <summary>Bars side by side per category, one per series (e.g. median and 90th percentile), with an optional reference line.</summary>
    public static string GroupedBars(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, ReferenceLine? reference = null)
    {
        Check(categories, series);
        double max = series.SelectMany(s => s.Values).Select(v => Math.Max(0, v)).DefaultIfEmpty(0).Max();
        max = Math.Max(max, reference?.Value ?? 0);
        var svg = Open(id, title, description);
        double scale = Scale(max);
        Axis(svg, scale);
        double slot = (Right - Left) / (double)Math.Max(1, categories.Count);
        double width = slot * 0.7 / Math.Max(1, series.Count);
        for (int i = 0; i < categories.Count; i++)
        {
            for (int s = 0; s < series.Count; s++)
            {
                double value = Math.Max(0, series[s].Values[i]);
                double h = value / scale * (Bottom - Top);
                Bar(svg, Left + (i * slot) + (slot * 0.15) + (s * width), Bottom - h, width, h, Palette[s % Palette.Length], series[s].Name, categories[i], value);
            }

            CategoryLabel(svg, Left + (i * slot) + (slot / 2), categories[i]);
        }

        if (reference is not null)
        {
            double y = Bottom - (reference.Value / scale * (Bottom - Top));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"reference\" x1=\"{Left}\" x2=\"{Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Right}\" y=\"{N(y - 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#c62828\">{E(reference.Label)}</text>");
        }

        Legend(svg, series);
        return Close(svg, max == 0);
    }

    /// <summary>The axis maximum: the largest value rounded up to 1, 2 or 5 times a power of ten (1 when all are zero).</summary>
    public static double Scale(double max)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (double step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * power >= max - 1e-9)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static void Check(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Any(s => s.Values.Count != categories.Count))
        {
            throw new ArgumentException("Every series needs one value per category.", nameof(series));
        }
    }

    private static StringBuilder Open(string id, string title, string description) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{E(id)}\" role=\"img\" aria-labelledby=\"{E(id)}-title {E(id)}-desc\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-title\">{E(title)}</title><desc id=\"{E(id)}-desc\">{E(description)}</desc>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");

    private static void Axis(StringBuilder svg, double scale)
    {
        for (int tick = 0; tick <= 4; tick++)
        {
            double value = scale * tick / 4;
            double y = Bottom - ((Bottom - Top) * tick / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#ddd\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{V(value)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Bottom}\" stroke=\"#333\"/>");
    }

    private static void Bar(StringBuilder svg, double x, double y, double width, double height, string colour, string series, string category, double value) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"{colour}\" data-series=\"{E(series)}\" data-category=\"{E(category)}\" data-value=\"{V(value)}\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(category)}, {E(series)}: {V(value)}</title></rect>");

    private static void CategoryLabel(StringBuilder svg, double x, string category) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{Bottom + 16}\" text-anchor=\"middle\" font-size=\"12\">{E(category)}</text>");

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        double x = Left;
        for (int s = 0; s < series.Count; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{Height - 22}\" width=\"12\" height=\"12\" fill=\"{Palette[s % Palette.Length]}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 16)}\" y=\"{Height - 12}\" font-size=\"12\">{E(series[s].Name)}</text>");
            x += 24 + (series[s].Name.Length * 7);
        }
    }

    private static string Close(StringBuilder svg, bool empty)
    {
        if (empty)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Right) / 2}\" y=\"{(Top + Bottom) / 2}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#666\">No activity in this period</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>A coordinate.</summary>
    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A figure, as the report's tables show it.</summary>
    private static string V(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
