using Mindguard.Features.Alerts;
using Mindguard.Tests.Fakes.Telegram;

namespace Mindguard.Tests.Support;

/// <summary>
/// The faults the safety drills inject into the fake Telegram, where they land, and the checks that
/// make a drill's counts final: nothing left to send, nothing dead-lettered or parked.
/// </summary>
public static class SafetyDrill
{
    public static TheoryData<string> Faults => ["502", "429", "timeout", "too-old"];

    /// <summary>Where a fault lands: a Bot API method, and which of its calls to the person's chat (1 = the first).</summary>
    public sealed record Step(string Method, int Times, bool ToChat = true);

    public static Failure Make(string fault) => fault switch
    {
        "502" => Failure.ServerError(502),
        "429" => Failure.TooManyRequests(1),
        "timeout" => Failure.Delay(TimeSpan.FromSeconds(3)),
        _ => Failure.QueryTooOld(),
    };

    /// <summary>Telegram answers "query is too old" to answerCallbackQuery only; the other calls fail the other ways.</summary>
    public static IEnumerable<Step> StepsFor(string fault, params Step[] steps) =>
        fault == "too-old" ? steps.Where(s => s.Method == "answerCallbackQuery") : steps;

    public static void Inject(FakeTelegramServer telegram, string fault, Step step, long chat) =>
        telegram.Inject(Make(fault), step.Method, step.ToChat ? chat : null, step.Times);

    public static bool IsResources(RecordedCall c) => c.Succeeded && c.Method == "sendMessage" && c.ButtonData.Contains(CrisisPath.TalkData);

    /// <summary>Waits until nothing addressed to these people is left to send, so counts are final.</summary>
    public static async Task DrainedAsync(MindguardApp app, params TestUser[] people)
    {
        var ids = people.Select(p => p.Id).ToArray();
        await Eventually.HoldsAsync(async () =>
        {
            await using var owner = await app.OwnerConnectionAsync();
            return await owner.ExecuteScalarAsync<long>("""
                SELECT (SELECT count(*) FROM outbox WHERE user_id = ANY(@ids) AND status IN ('pending', 'sending'))
                     + (SELECT count(*) FROM consequences WHERE user_id = ANY(@ids) AND status IN ('pending', 'running'))
                """, new { ids });
        }, n => n == 0, "the outbox and the consequences to be done", TimeSpan.FromSeconds(30));
    }

    public static async Task NoDeadLettersAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM telegram_dead_letters")).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM consequences WHERE status = 'parked'")).ShouldBe(0);
    }
}
