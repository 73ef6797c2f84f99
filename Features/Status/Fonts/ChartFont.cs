using ScottPlot;
using SkiaSharp;

namespace Mindguard.Features.Status.Fonts;

/// <summary>
/// The typeface every chart draws its text with, shipped inside the assembly (DejaVu Sans, licence in
/// <c>LICENSE</c> beside it). The runtime image has no fonts, and SkiaSharp's Linux assets here use no
/// fontconfig, so a chart that asked the system for a font drew its lines without a single word.
/// The font is registered under a name no system font carries, so ScottPlot can only resolve it to ours.
/// </summary>
public sealed class ChartFont : IFontResolver
{
    /// <summary>Deliberately not "DejaVu Sans": a system copy must never be the one that answers.</summary>
    public const string Name = "Mindguard Chart Sans";

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Adds the resolver once per process and makes it ScottPlot's default.</summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered)) return;
        lock (Gate)
        {
            if (_registered) return;
            ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFont());
            ScottPlot.Fonts.Default = Name;
            Volatile.Write(ref _registered, true);
        }
    }

    /// <summary>The typeface ScottPlot resolves for <see cref="Name"/> (what the charts draw with).</summary>
    public static SKTypeface Resolved(bool bold)
    {
        EnsureRegistered();
        return ScottPlot.Fonts.GetTypeface(Name, bold, italic: false);
    }

    /// <summary>True when <paramref name="typeface"/> is one of the embedded faces, not a system one.</summary>
    public static bool IsEmbedded(SKTypeface typeface) =>
        ReferenceEquals(typeface, RegularFace.Value) || ReferenceEquals(typeface, BoldFace.Value);

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == Name ? (weight >= FontWeight.SemiBold ? BoldFace.Value : RegularFace.Value) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Name ? (bold ? BoldFace.Value : RegularFace.Value) : null;

    private static SKTypeface Load(string file)
    {
        var resource = $"{typeof(ChartFont).Namespace}.{file}";
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"{resource} is not a font SkiaSharp can read");
    }
}
