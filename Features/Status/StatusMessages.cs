using System.Globalization;
using System.Text;
using Mindguard.Features.Status.Metrics;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Status;

/// <summary>The words of /status and /history: each metric with its level and change, calm and never diagnostic.</summary>
public static class StatusMessages
{
    public static string NotYet(int days, string language) =>
        Catalogue.Instance.Get(Msg.StatusNotYet, language, days, PersonalStatus.DaysNeeded + 1 - days);

    public static string Report(StatusView status, string language)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);
        var text = new StringBuilder(T(Msg.StatusHeader, status.WindowDays)).Append('\n');
        foreach (var estimate in status.Estimates)
        {
            var value = estimate.Value is { } v ? Format(estimate.Metric, v, language) : null;
            var level = estimate.Value is null ? T(Msg.StatusNotEnough) : T("level_" + (estimate.Level ?? "trend"));
            text.Append(T(Msg.StatusLine, T("metric_" + estimate.Metric), value ?? "—", level));
            if (estimate.Change is { } change && Math.Abs(change) >= 0.05)
                text.Append(T(Msg.StatusChange, (change > 0 ? "+" : "−") + Number(Math.Abs(change), language)));
            text.Append('\n');
        }
        // WHO-5's terms ask that its source be mentioned wherever results from it are shown.
        return text.Append('\n').Append(T(Msg.StatusDisclaimer)).Append("\n\n").Append(T(Msg.AttributionWho5)).ToString();
    }

    public static string Format(string metric, double value, string language) => metric switch
    {
        Metric.Who5 => $"{Number(value, language)}/100",
        Metric.Phq9 => $"{Number(value, language)}/27",
        Metric.Gad7 => $"{Number(value, language)}/21",
        Metric.Burnout => $"{Number(value, language)}%",
        Metric.Stress => $"{Number(value, language)}/40",
        Metric.SleepHours => Number(value, language),
        Metric.SleepQuality or Metric.Mood => $"{Number(value, language)}/5",
        Metric.WorkLife => $"{Number(value, language)}/10",
        _ => Number(value, language),
    };

    private static string Number(double value, string language) => value.ToString("0.#", CultureInfo.GetCultureInfo(language));
}
