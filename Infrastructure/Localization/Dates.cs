namespace Mindguard.Infrastructure.Localization;

/// <summary>
/// The one way a date is written to a person, per language: "5 грудня 2026", "5 December 2026".
/// Month names come from the catalogue rather than the runtime's culture data, so a container without
/// ICU (or with invariant globalization) writes the same words, and a reviewer finds them beside the
/// other texts.
/// </summary>
public static class Dates
{
    /// <summary>"5 грудня 2026" / "5 December 2026".</summary>
    public static string Day(DateOnly date, string? language) => $"{DayMonth(date, language)} {date.Year}";

    /// <summary>"5 грудня" / "5 December": for recent days in a list or on a chart, where the year is plain.</summary>
    public static string DayMonth(DateOnly date, string? language) => $"{date.Day} {Month(date.Month, language)}";

    /// <summary>"1–7 грудня 2026", "29 листопада – 5 грудня 2026", "29 December 2026 – 4 January 2027".</summary>
    public static string Range(DateOnly from, DateOnly to, string? language) =>
        from.Year != to.Year ? $"{Day(from, language)} – {Day(to, language)}"
        : from.Month != to.Month ? $"{DayMonth(from, language)} – {Day(to, language)}"
        : $"{from.Day}–{Day(to, language)}";

    private static string Month(int month, string? language) => Catalogue.Instance.Get(Msg.DateMonths, language).Split('|')[month - 1];
}
