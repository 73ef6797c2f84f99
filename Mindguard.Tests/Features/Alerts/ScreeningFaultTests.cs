using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Features.Voice;
using Mindguard.Tests.Support;
using static Mindguard.Tests.Support.SafetyDrill;

namespace Mindguard.Tests.Features.Alerts;

/// <summary>
/// Risk heard in a voice note or read in a check-in note, against a failing Telegram: each call on the
/// path fails in turn, Telegram redelivers what was answered 503, and the person gets the crisis resources
/// exactly once, nobody at work is told, and nothing is dead-lettered.
/// </summary>
public sealed class ScreeningFaultTests : AppsTestBase
{
    // "query is too old" belongs to callback answers, which neither path makes.
    public static TheoryData<string> SendFaults => ["502", "429", "timeout"];

    private async Task<(MindguardApp App, FakeOpenAiServer OpenAi)> StartAsync()
    {
        var openAi = await FakeOpenAiServer.StartAsync();
        openAi.Analysis = FakeOpenAiServer.AnalysisJson(mood: 1, selfHarmRisk: true);
        var app = await StartAppAsync(s =>
        {
            VoiceAppFixture.UseOpenAi(s, openAi);
            s["TELEGRAM_REPLY_TIMEOUT_SECONDS"] = "1";
        });
        return (app, openAi);
    }

    [Theory]
    [MemberData(nameof(SendFaults))]
    public async Task Risk_in_a_voice_note_brings_the_resources_once_whichever_call_fails(string fault)
    {
        var (app, openAi) = await StartAsync();
        await using var _ = openAi;
        var org = await Org.SeedAsync(app);
        foreach (var step in new Step[] { new("getFile", 1, ToChat: false), new("sendMessage", 1), new("sendMessage", 2) })
        {
            var person = await org.EmployeeAsync(app);
            await app.GiveDataKeyAsync(person);
            var fileId = $"voice-{Guid.NewGuid():N}";
            Telegram.RegisterFile(fileId, VoiceDriver.Recording(), $"voice/{fileId}.oga");

            Inject(Telegram, fault, step, person.TelegramId);
            await app.RedeliverUntilAcceptedAsync(TelegramUpdates.Voice(person.TelegramId, fileId, 12, 4096));

            await Telegram.WaitForCallAsync(c => c.ChatId == person.TelegramId && IsResources(c));
            await DrainedAsync(app, person);
            Telegram.Calls.Count(c => c.ChatId == person.TelegramId && IsResources(c)).ShouldBe(1, $"resources after {fault} on {step}");
            (await app.VoiceRowsAsync(person)).ShouldBe(1, $"voice notes kept after {fault} on {step}");
            FaultLanded(fault, step, person);
        }
        Telegram.MessagesTo(org.Manager.TelegramId).ShouldBeEmpty();
        await NoDeadLettersAsync(app);
    }

    [Theory]
    [MemberData(nameof(SendFaults))]
    public async Task Risk_in_a_check_in_note_brings_the_resources_once_whichever_call_fails(string fault)
    {
        var (app, openAi) = await StartAsync();
        await using var _ = openAi;
        var org = await Org.SeedAsync(app);
        foreach (var step in new Step[] { new("sendMessage", 1), new("sendMessage", 2) })
        {
            var person = await org.EmployeeAsync(app);
            await app.GiveDataKeyAsync(person);
            await new CheckinDriver(Telegram, person.TelegramId).CompleteAsync(app);

            Inject(Telegram, fault, step, person.TelegramId);
            await app.RedeliverUntilAcceptedAsync(TelegramUpdates.Text(person.TelegramId, "Все якось порожньо, нічого не радує."));

            await Telegram.WaitForCallAsync(c => c.ChatId == person.TelegramId && IsResources(c));
            await DrainedAsync(app, person);
            Telegram.Calls.Count(c => c.ChatId == person.TelegramId && IsResources(c)).ShouldBe(1, $"resources after {fault} on {step}");
            FaultLanded(fault, step, person);
        }
        Telegram.MessagesTo(org.Manager.TelegramId).ShouldBeEmpty();
        await NoDeadLettersAsync(app);
    }

    /// <summary>A drill proves something only if its fault was met (a slow reply is not a failed call, so it is not counted).</summary>
    private void FaultLanded(string fault, Step step, TestUser person)
    {
        if (fault == "timeout") return;
        Telegram.Calls.ShouldContain(c => c.Method == step.Method && !c.Succeeded && (!step.ToChat || c.ChatId == person.TelegramId), $"{fault} on {step}");
    }
}
