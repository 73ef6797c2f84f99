using System.Diagnostics;
using System.Net;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// Open-loop load: request i is due at i / rate seconds, whatever happened to the ones before, and its
/// latency is counted from when it was due, not from when it was sent, so a stall shows in every request
/// it delays (no coordinated omission). People tap in <see cref="TapOrder"/>, and a person's next tap waits for their
/// previous one to be answered, as a phone would; the wait counts as latency too.
/// </summary>
public static class LoadGenerator
{
    /// <param name="measuring">Called as the first measured request is sent, when the warm-up is over.</param>
    public static async Task<LoadResult> RunAsync(string target, Webhook webhook, FakeTelegram telegram, BenchSettings settings, Action measuring)
    {
        var total = settings.TotalRequests;
        var warmup = (int)(settings.Rate * settings.WarmupSeconds);
        var answeredMs = new double[total];
        var status = new int[total];
        var order = TapOrder.Build(total, settings.CohortSize, settings.Lockstep);
        var previous = new Task[settings.People];
        Array.Fill(previous, Task.CompletedTask);
        var clock = Stopwatch.StartNew();
        var worstLagMs = 0.0;
        var failureShown = 0;

        async Task SendAsync(int i, Task before, double dueMs)
        {
            await before;
            var person = Seeder.TelegramId(order[i]);
            try
            {
                var question = telegram.QuestionIn(person) ?? throw new InvalidOperationException($"No question shown to {person}");
                // Spread over the scale, and the same on every run.
                var button = question.Buttons[(int)((uint)(i * 2654435761) % (uint)question.Buttons.Count)];
                var answer = await webhook.PostAsync(Updates.Tap(person, question.MessageId, button));
                status[i] = (int)answer;
            }
            catch (Exception ex)
            {
                if (Interlocked.Exchange(ref failureShown, 1) == 0) Console.Error.WriteLine($"{target}: request failed: {ex.Message}");
                status[i] = 0;
            }
            answeredMs[i] = clock.Elapsed.TotalMilliseconds;
        }

        // A thread of its own (long-running), so a busy thread pool delays the requests' work, not their schedule.
        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var dueMs = i * 1000.0 / settings.Rate;
                // Sleeping, not spinning: on two cores a spinning generator would take a core from the server.
                while (clock.Elapsed.TotalMilliseconds < dueMs) Thread.Sleep(1);
                worstLagMs = Math.Max(worstLagMs, clock.Elapsed.TotalMilliseconds - dueMs);
                if (i == warmup) measuring();
                var person = order[i];
                previous[person] = SendAsync(i, previous[person], dueMs);
            }
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll(previous).WaitAsync(TimeSpan.FromSeconds(60));

        var measured = Enumerable.Range(warmup, total - warmup).Select(i => new Outcome(i * 1000.0 / settings.Rate, answeredMs[i], status[i])).ToList();
        return LoadResult.From(target, settings.Seconds, measured, status.Count(s => s == (int)HttpStatusCode.OK), worstLagMs);
    }
}
