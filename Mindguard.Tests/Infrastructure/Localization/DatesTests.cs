using System.Globalization;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Tests.Infrastructure.Localization;

/// <summary>One way to write a date per language, wherever a person reads one (issue 17).</summary>
public sealed class DatesTests
{
    [Fact]
    public void Dates_read_one_way_per_language()
    {
        Dates.Day(new DateOnly(2026, 12, 5), "uk").ShouldBe("5 грудня 2026");
        Dates.Day(new DateOnly(2026, 12, 5), "en").ShouldBe("5 December 2026");
        Dates.Range(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7), "uk").ShouldBe("1–7 грудня 2026");
        Dates.Range(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6), "en").ShouldBe("30 November – 6 December 2026");
        Dates.Range(new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 3), "uk").ShouldBe("28 грудня 2026 – 3 січня 2027");
        // Month names come from the catalogue, not the runtime's culture data, so a container without ICU writes the same.
        for (var month = 1; month <= 12; month++)
            Dates.DayMonth(new DateOnly(2026, month, 1), "en").ShouldBe("1 " + CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month));
    }
}
