using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mindguard.Tests.Fakes.Telegram;

/// <summary>
/// A Telegram Bot API stand-in: a real Kestrel server on 127.0.0.1 that the real TelegramBotClient
/// talks to. It records every call, answers as Telegram does, and injects the faults tests ask for.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RecordedCall> _calls = [];
    private readonly List<Injection> _injections = [];
    private readonly Dictionary<string, (byte[] Content, string Path)> _files = [];
    private readonly List<JsonObject> _pendingUpdates = [];
    private readonly Dictionary<long, int> _messageIds = [];
    private TaskCompletionSource _changed = NewSignal();

    private FakeTelegramServer(WebApplication app) => _app = app;

    /// <summary>The pseudo-method under which file downloads (<c>/file/bot…/path</c>) are recorded.</summary>
    public const string DownloadMethod = "download";

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedCall> Calls
    {
        get { lock (_calls) return [.. _calls]; }
    }

    public static async Task<FakeTelegramServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTelegramServer(app);
        app.Map("/bot{token}/{method}", server.HandleMethodAsync);
        app.MapGet("/file/bot{token}/{**path}", server.HandleDownload);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Makes the next <paramref name="times"/> matching calls fail as <paramref name="failure"/> says.</summary>
    public void Inject(Failure failure, string? method = null, long? chatId = null, int times = 1)
    {
        lock (_injections) _injections.Add(new Injection(failure, method, chatId, times));
    }

    /// <summary>A file the bot can fetch with getFile and then download.</summary>
    public void RegisterFile(string fileId, byte[] content, string filePath)
    {
        lock (_files) _files[fileId] = (content, filePath);
    }

    /// <summary>Queues an update for long polling (getUpdates).</summary>
    public void EnqueueUpdate(string updateJson)
    {
        lock (_pendingUpdates) _pendingUpdates.Add(JsonNode.Parse(updateJson)!.AsObject());
        Signal();
    }

    public void Clear()
    {
        lock (_calls) _calls.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Record(RecordedCall call)
    {
        lock (_calls) _calls.Add(call);
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_calls)
        {
            previous = _changed;
            _changed = NewSignal();
        }
        previous.TrySetResult();
    }

    private Task CurrentSignal()
    {
        lock (_calls) return _changed.Task;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Failure? TakeInjection(string method, long? chatId)
    {
        lock (_injections)
        {
            var injection = _injections.FirstOrDefault(i => i.Matches(method, chatId));
            if (injection is null) return null;
            injection.Remaining--;
            return injection.Failure;
        }
    }

    /// <summary>Recorded as a call named <see cref="DownloadMethod"/> with the <c>file_path</c>, so tests can see what was fetched.</summary>
    private IResult HandleDownload(string token, string path)
    {
        (byte[] Content, string Path) file;
        lock (_files) file = _files.Values.FirstOrDefault(f => f.Path == path);
        var status = file.Content is null ? 404 : 200;
        Record(new RecordedCall(DownloadMethod, token, new JsonObject { ["file_path"] = path }, new Dictionary<string, byte[]>(), DateTimeOffset.UtcNow, status));
        return file.Content is null ? Results.NotFound() : Results.Bytes(file.Content, "application/octet-stream");
    }
}
