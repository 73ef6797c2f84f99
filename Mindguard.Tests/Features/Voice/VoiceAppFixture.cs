using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

/// <summary>
/// One app wired to a fake Telegram and a fake OpenAI-compatible server. The voice test classes share it
/// as one collection, so they run one at a time: they steer the same fakes.
/// </summary>
public sealed class VoiceAppFixture : IAsyncLifetime
{
    public const string SttModel = "whisper-under-test";
    public const string LlmModel = "gpt-under-test";
    public const int Retries = 2;

    public FakeTelegramServer Telegram { get; private set; } = null!;
    public FakeOpenAiServer OpenAi { get; private set; } = null!;
    public MindguardApp App { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();

    /// <summary>Points an app at <paramref name="openAi"/>, with short retry delays so failure tests stay quick.</summary>
    public static void UseOpenAi(Dictionary<string, string?> settings, FakeOpenAiServer openAi)
    {
        settings["OPENAI_API_KEY"] = FakeOpenAiServer.ApiKey;
        // With the trailing slash Uri gives it, as people paste it.
        settings["OPENAI_BASE_URL"] = openAi.BaseUrl.ToString();
        settings["STT_MODEL"] = SttModel;
        settings["LLM_MODEL"] = LlmModel;
        settings["VOICE_RETRIES"] = Retries.ToString();
        settings["VOICE_RETRY_DELAY_MS"] = "10";
        settings["VOICE_TIMEOUT_SECONDS"] = "30";
    }

    public async ValueTask InitializeAsync()
    {
        Telegram = await FakeTelegramServer.StartAsync();
        OpenAi = await FakeOpenAiServer.StartAsync();
        App = await MindguardApp.StartAsync(Telegram, s => UseOpenAi(s, OpenAi), s => s.AddSingleton<ILoggerProvider>(Logs));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await OpenAi.DisposeAsync();
        await Telegram.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(App.DatabaseUrl);
    }
}

[CollectionDefinition(Name)]
public sealed class VoiceCollection : ICollectionFixture<VoiceAppFixture>
{
    public const string Name = "Voice";
}

/// <summary>Plays a person sending voice notes, and reads back what the app stored.</summary>
public static class VoiceDriver
{
    public static async Task<TestUser> PersonAsync(this MindguardApp app, string language = "uk")
    {
        await using var owner = await app.OwnerConnectionAsync();
        var org = await TestData.OrganisationAsync(owner);
        var person = await TestData.UserAsync(owner, org, await TestData.TeamAsync(owner, org), language: language);
        await app.GiveDataKeyAsync(person);
        return person;
    }

    /// <summary>Some bytes standing for an Ogg/Opus recording; the fakes never decode audio.</summary>
    public static byte[] Recording(int size = 4096)
    {
        var audio = RandomNumberGenerator.GetBytes(size);
        "OggS"u8.CopyTo(audio);
        return audio;
    }

    /// <summary>Registers the recording with the fake Telegram and delivers a voice message carrying it.</summary>
    public static async Task<string> SendVoiceAsync(this MindguardApp app, FakeTelegramServer telegram, TestUser person, byte[] audio,
        int seconds = 12, long? announcedSize = null)
    {
        var fileId = $"voice-{Guid.NewGuid():N}";
        telegram.RegisterFile(fileId, audio, $"voice/{fileId}.oga");
        var response = await app.PostUpdateAsync(TelegramUpdates.Voice(person.TelegramId, fileId, seconds, announcedSize ?? audio.Length));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return fileId;
    }

    public static async Task<long> VoiceRowsAsync(this MindguardApp app, TestUser person)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM voice_notes WHERE user_id = @Id", person);
    }

    /// <summary>Whether the app asked Telegram for the file (getFile) or fetched any file with its id in the path.</summary>
    public static bool TouchedFile(this FakeTelegramServer telegram, string fileId) =>
        telegram.Calls.Any(c => (c.Method.Equals("getFile", StringComparison.OrdinalIgnoreCase) && c.Body["file_id"]?.ToString() == fileId)
                                || (c.Method == FakeTelegramServer.DownloadMethod && c.Body["file_path"]!.ToString().Contains(fileId)));
}
