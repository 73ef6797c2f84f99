using System.Net;
using Mindguard.Features.Wall.Bot;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

public static class RecordedCallExtensions
{
    public static int? MessageId(this RecordedCall call) =>
        call.Body["message_id"] is { } id && int.TryParse(id.ToString(), out var value) ? value : null;
}

/// <summary>Plays one person using the wall in Telegram, through the real webhook.</summary>
public sealed class WallDriver(FakeTelegramServer telegram, MindguardApp app, TestUser person)
{
    // Callback updates name the message they came from; unique ids let a test follow each message's edits.
    private static int _messageIds = 500_000;

    public long TelegramId => person.TelegramId;

    public static int NewMessageId() => Interlocked.Increment(ref _messageIds);

    public async Task SayAsync(string text) =>
        (await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, text))).StatusCode.ShouldBe(HttpStatusCode.OK);

    public async Task TapAsync(string data, int messageId = 1) =>
        (await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, data, messageId))).StatusCode.ShouldBe(HttpStatusCode.OK);

    /// <summary>The preview of a draft: the message with topic buttons that shows <paramref name="text"/>.</summary>
    public Task<RecordedCall> PreviewAsync(string text) =>
        telegram.WaitForMessageAsync(person.TelegramId, c => c.Method == "sendMessage" && c.Text!.Contains(text)
                                                            && c.ButtonData.Any(d => d.StartsWith("wall:v1:cat:")));

    public Task<RecordedCall> EditAsync(int messageId, Func<RecordedCall, bool>? predicate = null) =>
        telegram.WaitForCallAsync(c => c.Succeeded && c.Method == "editMessageText" && c.ChatId == person.TelegramId
                                       && c.MessageId() == messageId && (predicate?.Invoke(c) ?? true));

    /// <summary>Writes, picks a topic and publishes; returns the confirmation message's id and delete button data.</summary>
    public async Task<(int MessageId, string DeleteData)> PublishAsync(string text, string category = "workload")
    {
        var (messageId, publish) = await DraftAsync(text, category);
        await TapAsync(publish, messageId);
        var published = await EditAsync(messageId, c => c.ButtonData.Any(d => d.StartsWith("wall:v1:del:")));
        return (messageId, published.ButtonData.Single());
    }

    /// <summary>Writes and picks a topic, stopping at the publish button, whose data it returns.</summary>
    public async Task<(int MessageId, string PublishData)> DraftAsync(string text, string category = "workload")
    {
        await TapAsync(WallCallback.WriteData);
        await SayAsync(text);
        var preview = await PreviewAsync(text);
        var messageId = NewMessageId();
        await TapAsync(preview.ButtonData.Single(d => d.StartsWith("wall:v1:cat:") && d.EndsWith(":" + category)), messageId);
        var confirm = await EditAsync(messageId, c => c.ButtonData.Any(d => d.StartsWith("wall:v1:pub:")));
        return (messageId, confirm.ButtonData.First(d => d.StartsWith("wall:v1:pub:")));
    }

    /// <summary>Taps "read" and returns the page it sends.</summary>
    public async Task<RecordedCall> ReadAsync()
    {
        var before = telegram.MessagesTo(person.TelegramId).Count(c => c.Method == "sendMessage");
        await TapAsync(WallCallback.ReadData());
        var sent = await telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == person.TelegramId && c.Method == "sendMessage", before + 1);
        return sent[^1];
    }
}

/// <summary>A fresh app (its own database and fake Telegram) with an organisation whose wall is open.</summary>
public abstract class WallBotTestBase : AppsTestBase
{
    protected MindguardApp App = null!;
    protected WallOrg Company = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App = await StartAppAsync(WallKit.Configure);
        Company = await WallOrg.SeedAsync(App);
    }

    protected WallDriver Driver(TestUser person) => new(Telegram, App, person);

    protected static string T(string key, params object[] args) => Catalogue.Instance.Get(key, "uk", args);

    protected async Task<long> PostRowsAsync()
    {
        await using var owner = await App.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_posts");
    }
}
