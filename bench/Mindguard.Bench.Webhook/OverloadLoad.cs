using System.Diagnostics;
using System.Net;

namespace Mindguard.Bench.Webhook;

/// <summary>What one target sustained with as many taps in flight as <see cref="OverloadLoad.Concurrency"/> allows.</summary>
public sealed record Saturation(string Target, int Ok, double Seconds)
{
    public double PerSecond => Ok / Seconds;
}

/// <summary>The open-loop part: the overload itself, then a trickle of probes showing when the app is itself again.</summary>
public sealed record OverloadResult(double Rate, IReadOnlyList<Outcome> Overload, IReadOnlyList<Outcome> Probes, double LoadEndedMs, int NobodyReady)
{
    public const double AnswerWithinMs = 2_000;
    public const double OkP99TargetMs = 250;
    public const double RecoveredBelowMs = 100;

    public int Ok => Overload.Count(o => o.Status == (int)HttpStatusCode.OK);
    public int Refused => Overload.Count(o => o.Status == (int)HttpStatusCode.ServiceUnavailable);
    public int Other => Overload.Count(o => o.Status is not ((int)HttpStatusCode.OK or (int)HttpStatusCode.ServiceUnavailable));
    public double MaxMs => Overload.Max(o => o.LatencyMs);
    public double OkP99Ms => Percentile(Overload.Where(o => o.Status == (int)HttpStatusCode.OK).Select(o => o.LatencyMs), 0.99);
    public double RefusedP99Ms => Percentile(Overload.Where(o => o.Status == (int)HttpStatusCode.ServiceUnavailable).Select(o => o.LatencyMs), 0.99);

    /// <summary>
    /// Seconds from the end of the overload to the first probe of the first full second of probes that
    /// were all 200s within <see cref="RecoveredBelowMs"/> (one slow probe on a shared machine does not
    /// undo a recovery; a second of them would); infinite if the probes never got there.
    /// </summary>
    public double RecoverySeconds
    {
        get
        {
            var run = (int)OverloadLoad.ProbeRate;
            for (var first = 0; first + run <= Probes.Count; first++)
            {
                if (Probes.Skip(first).Take(run).All(p => p is { Status: (int)HttpStatusCode.OK, LatencyMs: < RecoveredBelowMs }))
                    return Math.Max(0, Probes[first].DueMs - LoadEndedMs) / 1000;
            }
            return double.PositiveInfinity;
        }
    }

    private static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// <c>BENCH_SCENARIO=overload</c> (issue 18): how the webhook behaves past its capacity. First the
/// capacity is measured (closed loop: a fixed number of taps in flight, as many answers as the app
/// can store), then taps arrive open-loop at twice that for the load's seconds, then a trickle of probes
/// shows how soon the app is itself again. Refused taps (503) are tapped again later, as Telegram
/// redelivers them; every answer the app acknowledged must be stored, once.
/// </summary>
public static class OverloadLoad
{
    /// <summary>
    /// Taps in flight while measuring capacity: four fifths of what the app's webhook gate admits (with
    /// <c>TELEGRAM_WEBHOOK_CONNECTIONS</c>, 40 by default, and Npgsql's default pool of 100), so none is
    /// refused for being one too many.
    /// </summary>
    public static readonly int Concurrency = Math.Max(1, Mindguard.Infrastructure.Telegram.WebhookGate.Limit(
        int.TryParse(Environment.GetEnvironmentVariable("TELEGRAM_WEBHOOK_CONNECTIONS"), out var connections) ? connections : 40,
        databasePoolSize: 100, Environment.ProcessorCount) * 4 / 5);

    public const double ProbeRate = 20;
    public const int ProbeSeconds = 10;

    private static int _failureShown;

    public static async Task<Saturation> SaturateAsync(string target, Webhook webhook, PersonPool pool, int warmupSeconds, int seconds, Action<bool> stored)
    {
        var clock = Stopwatch.StartNew();
        var (measureFrom, end) = (TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(warmupSeconds + seconds));
        var ok = 0;

        async Task PhoneAsync()
        {
            while (clock.Elapsed < end)
            {
                if (!pool.TryTake(out var person, out var question))
                {
                    await Task.Delay(5);
                    continue;
                }
                var status = await TapAsync(target, webhook, person, question);
                pool.Return(person, question, status == HttpStatusCode.OK);
                stored(status == HttpStatusCode.OK);
                if (status == HttpStatusCode.OK && clock.Elapsed >= measureFrom && clock.Elapsed < end) Interlocked.Increment(ref ok);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(PhoneAsync)));
        return new Saturation(target, ok, seconds);
    }

    /// <summary>Open loop at <paramref name="rate"/> for <paramref name="seconds"/>, then probes at <see cref="ProbeRate"/>; latency from each tap's due time.</summary>
    public static async Task<OverloadResult> OverloadAsync(Webhook webhook, PersonPool pool, double rate, int seconds, Action<bool> stored)
    {
        var due = Enumerable.Range(0, (int)(rate * seconds)).Select(i => i * 1000.0 / rate).ToList();
        var loadEndsMs = seconds * 1000.0;
        var probesFrom = due.Count;
        due.AddRange(Enumerable.Range(0, (int)(ProbeRate * ProbeSeconds)).Select(i => loadEndsMs + i * 1000.0 / ProbeRate));

        var answeredMs = new double[due.Count];
        var status = new int[due.Count];
        var sends = new List<Task>(due.Count);
        var nobodyReady = 0;
        var clock = Stopwatch.StartNew();

        async Task SendAsync(int i, int person, ShownQuestion question)
        {
            var answer = await TapAsync("Mindguard", webhook, person, question);
            status[i] = (int)answer;
            answeredMs[i] = clock.Elapsed.TotalMilliseconds;
            pool.Return(person, question, answer == HttpStatusCode.OK);
            stored(answer == HttpStatusCode.OK);
        }

        // A thread of its own, so a busy thread pool delays the requests' work, not their schedule.
        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < due.Count; i++)
            {
                while (clock.Elapsed.TotalMilliseconds < due[i]) Thread.Sleep(1);
                if (pool.TryTake(out var person, out var question)) sends.Add(SendAsync(i, person, question));
                else
                {
                    nobodyReady++;
                    status[i] = -1;
                }
            }
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(60));

        Outcome At(int i) => new(due[i], answeredMs[i], status[i]);
        var taken = Enumerable.Range(0, due.Count).Where(i => status[i] != -1).ToList();
        return new OverloadResult(rate,
            taken.Where(i => i < probesFrom).Select(At).ToList(),
            taken.Where(i => i >= probesFrom).Select(At).ToList(),
            loadEndsMs, nobodyReady);
    }

    private static async Task<HttpStatusCode> TapAsync(string target, Webhook webhook, int person, ShownQuestion question)
    {
        var id = Seeder.TelegramId(person);
        // Spread over the scale, and the same on every run.
        var button = question.Buttons[(int)((uint)((person + 1) * question.MessageId * 2654435761L) % (uint)question.Buttons.Count)];
        try
        {
            return await webhook.PostAsync(Updates.Tap(id, question.MessageId, button));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            if (Interlocked.Exchange(ref _failureShown, 1) == 0) Console.Error.WriteLine($"{target}: request failed: {ex.Message}");
            return 0;
        }
    }
}
