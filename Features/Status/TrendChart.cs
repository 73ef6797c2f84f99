using Mindguard.Features.Status.Fonts;
using Mindguard.Infrastructure.Localization;
using ScottPlot;

namespace Mindguard.Features.Status;

/// <summary>
/// PNG line charts rendered in-process with ScottPlot (no browser). Series on different scales are
/// drawn as a percentage of their own scale so they share one axis; the legend names each scale.
/// </summary>
public static class TrendChart
{
    public const int Width = 800;
    public const int Height = 400;

    public sealed record Series(string Label, IReadOnlyList<(DateOnly Date, double? Value)> Points, double Min, double Max);

    public static byte[] Render(string title, string language, IReadOnlyList<Series> series)
    {
        ChartFont.EnsureRegistered();
        var plot = new Plot();
        plot.Title(title);
        plot.Axes.Left.Label.Text = Catalogue.Instance.Get(Msg.ChartAxis, language);
        foreach (var line in series)
        {
            var present = line.Points.Where(p => p.Value is not null).ToList();
            if (present.Count == 0) continue;
            var xs = present.Select(p => p.Date.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
            var ys = present.Select(p => (p.Value!.Value - line.Min) / (line.Max - line.Min) * 100).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = line.Label;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 4;
        }
        var dates = plot.Axes.DateTimeTicksBottom();
        if (dates.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            automatic.LabelFormatter = date => Dates.DayMonth(DateOnly.FromDateTime(date), language);
        }
        plot.Axes.SetLimitsY(-3, 103);
        plot.ShowLegend(Edge.Bottom);
        // Every label, tick and the legend draw with the embedded font, never a system one.
        plot.Font.Set(ChartFont.Name);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    public static byte[] Personal(StatusView status, string language)
    {
        string T(string key) => Catalogue.Instance.Get(key, language);
        return Render(T(Msg.StatusChartCaption), language,
        [
            new Series(T(Msg.ChartMood) + " (1–5)", status.Trend.Select(p => (p.Date, p.Mood)).ToList(), 1, 5),
            new Series(T(Msg.ChartWho5) + " (0–100)", status.Trend.Select(p => (p.Date, p.Who5)).ToList(), 0, 100),
            new Series(T(Msg.ChartStress) + " (0–40)", status.Trend.Select(p => (p.Date, p.Stress)).ToList(), 0, 40),
        ]);
    }
}
