using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;

namespace Mindguard.Tests.Support;

/// <summary>Plays a person answering a check-in in Telegram: reads the question messages the bot sent and taps their buttons.</summary>
public sealed class CheckinDriver(FakeTelegramServer telegram, long person)
{
    /// <summary>The question message for position <paramref name="index"/> (its buttons carry the index).</summary>
    public Task<RecordedCall> QuestionAsync(int index) =>
        telegram.WaitForCallAsync(c => c.Succeeded && c.ChatId == person && c.Method == "sendMessage"
                                       && c.ButtonData.Count > 0 && c.ButtonData.All(d => d.StartsWith("ci:v1:") && d.Split(':').Length == 5 && d.Split(':')[3] == index.ToString()));

    /// <summary>Taps the button at <paramref name="option"/> of question <paramref name="index"/> through <paramref name="app"/>.</summary>
    public async Task<string> AnswerAsync(MindguardApp app, int index, int option = 0)
    {
        var question = await QuestionAsync(index);
        var data = question.ButtonData[option];
        (await app.PostUpdateAsync(TelegramUpdates.Callback(person, data))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return data;
    }

    /// <summary>Sends /checkin and answers all five questions with their first option, up to the thank-you.</summary>
    public async Task CompleteAsync(MindguardApp app)
    {
        await app.PostUpdateAsync(TelegramUpdates.Text(person, "/checkin"));
        for (var i = 0; i < 5; i++) await AnswerAsync(app, i);
        await ThanksAsync();
    }

    /// <summary>The buttons of a question that are options of its scale (not "prefer not to answer" or "change the previous answer").</summary>
    public static IReadOnlyList<string> Options(RecordedCall question) =>
        question.ButtonData.Where(d => int.TryParse(d.Split(':')[^1], out _)).ToList();

    /// <summary>Taps "prefer not to answer" on question <paramref name="index"/>.</summary>
    public async Task<string> PreferNotAsync(MindguardApp app, int index)
    {
        var data = (await QuestionAsync(index)).ButtonData.Single(d => d.EndsWith(":pass"));
        (await app.PostUpdateAsync(TelegramUpdates.Callback(person, data))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return data;
    }

    /// <summary>Taps "change the previous answer" on <paramref name="message"/> (a question or the thank-you).</summary>
    public async Task<string> ChangeLastAsync(MindguardApp app, RecordedCall message)
    {
        var data = message.ButtonData.Single(d => d.EndsWith(":back"));
        (await app.PostUpdateAsync(TelegramUpdates.Callback(person, data))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return data;
    }

    /// <summary>Question <paramref name="index"/> asked again to change its answer: it names the answer it replaces.</summary>
    public Task<RecordedCall> AskedAgainAsync(int index) =>
        telegram.WaitForCallAsync(c => c.Succeeded && c.ChatId == person && c.Method == "sendMessage" && c.Text!.Contains(AskedAgainMark)
                                       && c.ButtonData.Count > 0 && c.ButtonData.All(d => d.Split(':') is [_, _, _, var i, _] && i == index.ToString()));

    private static readonly string AskedAgainMark = Catalogue.Instance.Get(Msg.CheckinChangePrompt, "uk", "\0").Split('\0')[0];

    public Task<RecordedCall> ThanksAsync() =>
        telegram.WaitForCallAsync(c => c.Succeeded && c.ChatId == person && c.Method == "sendMessage" && c.ButtonData.Any(d => d.EndsWith(":skip")));
}

public static class MemberKeys
{
    /// <summary>Gives a seeded person their own data key, as joining through the bot does.</summary>
    public static async Task GiveDataKeyAsync(this MindguardApp app, TestUser user)
    {
        var key = app.Services.GetRequiredService<PersonCipher>().NewKey(user.Id);
        await using var owner = await app.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE users SET data_key = @wrapped WHERE id = @id", new { wrapped = key.Wrapped, id = user.Id });
    }
}
