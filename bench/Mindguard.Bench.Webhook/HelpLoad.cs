using System.Diagnostics;
using System.Net;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// <c>BENCH_SCENARIO=help</c> (issue 18): <c>/help</c> at the load's rate from 2,000 chats against the
/// app with Telegram's real budget (30 messages/s for the bot). Ten times more replies are asked for
/// than the budget allows: the webhook must answer at once and queue what cannot go out now, and every
/// reply must then arrive exactly once, at the budget's pace.
/// </summary>
public static class HelpLoad
{
    public const int Chats = 2_000;
    private const long FirstChat = 5_100_000_000;

    public static async Task<int> RunAsync(BenchSettings settings, Webhook webhook, FakeTelegram telegram)
    {
        var total = settings.TotalRequests;
        var warmup = (int)(settings.Rate * settings.WarmupSeconds);
        var answeredMs = new double[total];
        var status = new int[total];
        var sends = new Task[total];
        var clock = Stopwatch.StartNew();
        telegram.ResetCounts();

        async Task SendAsync(int i)
        {
            try
            {
                status[i] = (int)await webhook.PostAsync(Updates.Command(FirstChat + i % Chats, "/help"));
            }
            catch (Exception)
            {
                status[i] = 0;
            }
            answeredMs[i] = clock.Elapsed.TotalMilliseconds;
        }

        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var dueMs = i * 1000.0 / settings.Rate;
                while (clock.Elapsed.TotalMilliseconds < dueMs) Thread.Sleep(1);
                sends[i] = SendAsync(i);
            }
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(120));
        var loadEndedMs = clock.Elapsed.TotalMilliseconds;

        var measured = Enumerable.Range(warmup, total - warmup).Select(i => new Outcome(i * 1000.0 / settings.Rate, answeredMs[i], status[i])).ToList();
        var load = LoadResult.From("Mindguard /help", settings.Seconds, measured, status.Count(s => s == (int)HttpStatusCode.OK), 0);
        var accepted = status.Count(s => s == (int)HttpStatusCode.OK);

        // The queued replies drain at the budget's pace; wait until the count stops short of nothing or stalls.
        Console.WriteLine($"  load over after {loadEndedMs / 1000:0.0} s; {accepted:N0} updates accepted; waiting for the replies…");
        var (delivered, lastChangeMs) = (Sent(telegram), clock.Elapsed.TotalMilliseconds);
        while (delivered < accepted && clock.Elapsed.TotalMilliseconds - lastChangeMs < 30_000)
        {
            await Task.Delay(100);
            var now = Sent(telegram);
            if (now != delivered) (delivered, lastChangeMs) = (now, clock.Elapsed.TotalMilliseconds);
        }
        await Task.Delay(5_000);
        delivered = Sent(telegram);
        var pace = delivered / (lastChangeMs / 1000);

        Console.WriteLine();
        Console.WriteLine("| scenario | requests (measured) | 200 | 503 | no answer | p50 | p99 | max | replies delivered | pace |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| /help at {settings.Rate}/s from {Chats:N0} chats, bot budget 30/s | {load.Requests:N0} | {load.Ok:N0} | {load.NotOk:N0} | {load.Errors:N0} | " +
                          $"{load.P50:0.0} ms | {load.P99:0.0} ms | {load.Max:0.0} ms | {delivered:N0} of {accepted:N0} accepted | {pace:0.0}/s |");
        Console.WriteLine();
        var met = load.P99 < 50 && delivered == accepted && load.Errors == 0;
        Console.WriteLine($"Issue 18 target (webhook p99 < 50 ms, every reply delivered once, at the budget's pace): {(met ? "✓" : "✗")} " +
                          $"p99 {load.P99:0.0} ms, {delivered - accepted:+#;-#;0} replies against accepted updates");
        return met ? 0 : 1;
    }

    private static int Sent(FakeTelegram telegram) => telegram.CallCounts().GetValueOrDefault("sendMessage");
}
