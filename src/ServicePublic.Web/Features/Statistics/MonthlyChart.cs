using System.Globalization;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The geometry of the "filed and decided per month" chart, drawn by the server as SVG: one row per
/// month, a bar for filed and one for decided, each with its value written at its end. Horizontal
/// bars keep month names and values legible on a 360 px phone (the SVG scales with its viewBox).
/// </summary>
public sealed class MonthlyChart
{
    public const int Width = 360;
    public const int LabelWidth = 96;
    public const int ValueRoom = 56;
    public const int LegendHeight = 32;
    public const int BarHeight = 14;
    public const int RowHeight = 38;

    /// <summary>In viewBox units: about 13 px on a 360 px phone, where the chart is some 330 px wide.</summary>
    public const int FontSize = 14;

    /// <summary>High contrast on white: dark green, and Togo's yellow outlined in near black.</summary>
    public const string FiledColour = "#00613f";
    public const string DecidedColour = "#ffce00";
    public const string Ink = "#1b1b1b";

    public MonthlyChart(IReadOnlyList<MonthCounts> months)
    {
        var max = Math.Max(1, months.Select(m => Math.Max(m.Filed, m.Decided)).DefaultIfEmpty(0).Max());
        Rows = [.. months.Select((m, i) => new Row(m, LegendHeight + i * RowHeight, Length(m.Filed, max), Length(m.Decided, max)))];
        Height = LegendHeight + months.Count * RowHeight;
    }

    public IReadOnlyList<Row> Rows { get; }

    public int Height { get; }

    public string ViewBox => $"0 0 {Width} {Height}";

    public static int PlotWidth => Width - LabelWidth - ValueRoom;

    /// <summary>SVG numbers are written with a dot, whatever the page's language.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static double Length(int value, int max) => Math.Round(value * (double)PlotWidth / max, 1);

    /// <summary>One month's row: its top, the length of each bar.</summary>
    public sealed record Row(MonthCounts Month, int Top, double FiledLength, double DecidedLength)
    {
        public int FiledTop => Top;

        public int DecidedTop => Top + BarHeight + 2;

        /// <summary>The baseline of the month's name, between its two bars.</summary>
        public int LabelBaseline => Top + BarHeight + 6;

        /// <summary>The baseline of a value written beside a bar starting at <paramref name="barTop"/>.</summary>
        public static int ValueBaseline(int barTop) => barTop + BarHeight - 2;
    }
}
