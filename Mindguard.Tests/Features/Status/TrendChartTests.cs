using Mindguard.Features.Status;
using Mindguard.Features.Status.Fonts;
using SkiaSharp;

namespace Mindguard.Tests.Features.Status;

/// <summary>
/// Charts must carry their words wherever they are rendered: the runtime image has no fonts at all.
/// scripts/smoke-runtime.sh proves the same with the system fonts really hidden.
/// </summary>
public sealed class TrendChartTests
{
    private const string CyrillicTitle = "Ваш стан за останні тижні";

    private static TrendChart.Series Line() =>
        new("Настрій (1–5)", Enumerable.Range(0, 10).Select(i => (new DateOnly(2026, 11, 1).AddDays(i), (double?)(1 + i % 5))).ToList(), 1, 5);

    [Fact]
    public void Chart_text_is_drawn_with_the_font_shipped_inside_the_app_whatever_the_system_has()
    {
        ChartFont.EnsureRegistered();

        // The chart asks for a name no system font carries, and it resolves to the embedded face.
        ScottPlot.Fonts.Default.ShouldBe(ChartFont.Name);
        foreach (var bold in new[] { false, true })
        {
            var face = ChartFont.Resolved(bold);
            ChartFont.IsEmbedded(face).ShouldBeTrue();
            face.FamilyName.ShouldBe("DejaVu Sans");
            using var font = new SKFont(face);
            font.ContainsGlyphs(CyrillicTitle + "ґєіїʼ–").ShouldBeTrue();
        }
    }

    [Fact]
    public void A_chart_title_in_cyrillic_is_drawn_in_the_title_region()
    {
        var titled = DarkPixelsInTitleRegion(TrendChart.Render(CyrillicTitle, "uk", [Line()]));
        var untitled = DarkPixelsInTitleRegion(TrendChart.Render("", "uk", [Line()]));

        untitled.ShouldBeLessThan(20);
        titled.ShouldBeGreaterThan(300);
    }

    /// <summary>
    /// Dark pixels in the band where ScottPlot centres the title, leaving out rows that are a straight line
    /// (the plot frame moves up into the band when there is no title).
    /// </summary>
    private static int DarkPixelsInTitleRegion(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        bitmap.Width.ShouldBe(TrendChart.Width);
        const int left = 250, right = TrendChart.Width - 250;
        var dark = 0;
        for (var y = 0; y < 32; y++)
        {
            var row = 0;
            for (var x = left; x < right; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 300) row++;
            }
            if (row < (right - left) * 9 / 10) dark += row;
        }
        return dark;
    }
}
