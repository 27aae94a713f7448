using System.Globalization;
using System.Xml.Linq;
using G7Flows.Workflows.Reports.Publishing;

namespace G7Flows.Workflows.Tests.Reports.Publishing;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static List<XElement> Bars(XDocument svg) => [.. svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar")];

    [Fact]
    public void A_stacked_chart_is_svg_with_a_title_a_description_and_one_bar_per_category_and_series()
    {
        // Act
        var svg = XDocument.Parse(SvgChart.StackedBars(
            "outcomes", "Outcomes", "What the chart shows.", ["FR", "DE", "IT"],
            [new ChartSeries("adopted", [2, 0, 1]), new ChartSeries("rejected", [1, 3, 0])]));

        // Assert
        XElement root = svg.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("outcomes-title outcomes-desc", (string?)root.Attribute("aria-labelledby"));
        Assert.Equal("Outcomes", root.Element(Svg + "title")!.Value);
        Assert.Equal("What the chart shows.", root.Element(Svg + "desc")!.Value);
        Assert.Equal(6, Bars(svg).Count);
        Assert.All(Bars(svg), b => Assert.NotNull(b.Element(Svg + "title")));
    }

    [Fact]
    public void Stacked_segments_sit_on_each_other_with_heights_in_proportion_to_their_values()
    {
        // Act: the largest stack is 4 (DE), so the axis goes to 5.
        var svg = XDocument.Parse(SvgChart.StackedBars(
            "s", "t", "d", ["FR", "DE"], [new ChartSeries("a", [2, 1]), new ChartSeries("b", [1, 3])]));

        // Assert
        double unit = (SvgChart.Bottom - SvgChart.Top) / 5.0;
        var de = Bars(svg).Where(b => (string?)b.Attribute("data-category") == "DE").ToList();
        Assert.Equal(unit * 1, Attr(de[0], "height"), 1);
        Assert.Equal(unit * 3, Attr(de[1], "height"), 1);
        Assert.Equal(SvgChart.Bottom, Attr(de[0], "y") + Attr(de[0], "height"), 1);
        Assert.Equal(Attr(de[0], "y"), Attr(de[1], "y") + Attr(de[1], "height"), 1);
    }

    [Fact]
    public void Grouped_bars_stand_side_by_side_and_a_reference_line_is_drawn_at_its_value()
    {
        // Act: values up to 3.4 and a 2 % line; the axis goes to 5.
        var svg = XDocument.Parse(SvgChart.GroupedBars(
            "g", "Share of GDP", "d", ["US", "DE"], [new ChartSeries("% of GDP", [3.4, 1.9])], new ReferenceLine(2, "2 % guideline")));

        // Assert
        var bars = Bars(svg);
        Assert.Equal(2, bars.Count);
        Assert.True(Attr(bars[0], "x") + Attr(bars[0], "width") <= Attr(bars[1], "x"));
        Assert.Equal(3.4 / 5 * (SvgChart.Bottom - SvgChart.Top), Attr(bars[0], "height"), 1);
        XElement line = svg.Descendants(Svg + "line").Single(l => (string?)l.Attribute("class") == "reference");
        Assert.Equal(SvgChart.Bottom - (2 / 5.0 * (SvgChart.Bottom - SvgChart.Top)), Attr(line, "y1"), 1);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "2 % guideline");
    }

    [Fact]
    public void Every_string_is_escaped_so_the_svg_stays_well_formed_and_inert()
    {
        // Arrange
        const string hostile = "<script>alert('x')</script>&\"";

        // Act
        string text = SvgChart.GroupedBars(hostile, hostile, hostile, [hostile], [new ChartSeries(hostile, [1])], new ReferenceLine(1, hostile));
        var svg = XDocument.Parse(text);

        // Assert
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Equal(hostile, svg.Root!.Element(Svg + "title")!.Value);
        Assert.Equal(hostile, (string?)Bars(svg).Single().Attribute("data-category"));
    }

    [Fact]
    public void A_chart_with_no_activity_says_so_and_draws_empty_bars()
    {
        // Act
        var svg = XDocument.Parse(SvgChart.StackedBars("e", "t", "d", ["FR", "DE"], [new ChartSeries("a", [0, 0])]));

        // Assert
        Assert.All(Bars(svg), b => Assert.Equal(0, Attr(b, "height")));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "No activity in this period");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.3, 0.5)]
    [InlineData(1, 1)]
    [InlineData(3.4, 5)]
    [InlineData(7, 10)]
    [InlineData(12, 20)]
    [InlineData(180, 200)]
    [InlineData(1001, 2000)]
    public void The_axis_ends_at_one_two_or_five_times_a_power_of_ten(double max, double expected)
    {
        // Act and Assert
        Assert.Equal(expected, SvgChart.Scale(max), 9);
    }

    [Fact]
    public void A_series_needs_one_value_per_category()
    {
        // Act and Assert
        Assert.Throws<ArgumentException>(() => SvgChart.StackedBars("x", "t", "d", ["FR", "DE"], [new ChartSeries("a", [1])]));
    }
}
