using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mindguard.Tests.Fakes.OpenAi;

/// <summary>
/// An OpenAI-compatible server: a real Kestrel app on 127.0.0.1 that answers <c>/v1/audio/transcriptions</c>
/// and <c>/v1/chat/completions</c> in the real API's wire format, so the real OpenAI SDK talks to it. It
/// records every request and injects the faults tests ask for (errors, slowness, malformed content).
/// </summary>
public sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test-fake-openai-key-0123456789";

    private readonly WebApplication _app;
    private readonly List<RecordedAiRequest> _requests = [];
    private readonly List<AiInjection> _injections = [];
    private readonly object _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private string _transcript = DefaultTranscript;
    private JsonObject _analysis = AnalysisJson();

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public const string DefaultTranscript = "Сьогодні був довгий день, але команда мене підтримала.";

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedAiRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>What the next transcriptions return.</summary>
    public string Transcript
    {
        get { lock (_gate) return _transcript; }
        set { lock (_gate) _transcript = value; }
    }

    /// <summary>The JSON the next chat completions return as their message content.</summary>
    public JsonObject Analysis
    {
        get { lock (_gate) return (JsonObject)_analysis.DeepClone(); }
        set { lock (_gate) _analysis = value; }
    }

    public static JsonObject AnalysisJson(int mood = 3, int stress = 4, string[]? topics = null, bool selfHarmRisk = false,
        string reply = "Дякую, що поділилися. Схоже, день був непростий, і добре, що поруч є люди, на яких можна спертися.") => new()
    {
        ["mood"] = mood,
        ["stress"] = stress,
        ["topics"] = new JsonArray([.. (topics ?? ["workload", "team"]).Select(t => (JsonNode)t)]),
        ["self_harm_risk"] = selfHarmRisk,
        ["reply"] = reply,
    };

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/audio/transcriptions", server.TranscribeAsync);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Makes the next <paramref name="times"/> requests to <paramref name="endpoint"/> fail as <paramref name="fault"/> says.</summary>
    public void Inject(AiFault fault, AiEndpoint endpoint, int times = 1)
    {
        lock (_gate) _injections.Add(new AiInjection(fault, endpoint, times));
    }

    /// <summary>Forgets requests and faults and restores the default transcript and analysis.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _injections.Clear();
            _transcript = DefaultTranscript;
            _analysis = AnalysisJson();
        }
    }

    public IReadOnlyList<RecordedAiRequest> RequestsTo(AiEndpoint endpoint) => Requests.Where(r => r.Endpoint == endpoint).ToList();

    /// <summary>Waits, without polling, until <paramref name="count"/> recorded requests match.</summary>
    public async Task<IReadOnlyList<RecordedAiRequest>> WaitForRequestsAsync(Func<RecordedAiRequest, bool> predicate, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task signal;
            lock (_gate) signal = _changed.Task;
            var matching = Requests.Where(predicate).ToList();
            if (matching.Count >= count) return matching;
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"Expected {count} matching requests, saw {matching.Count}. All:\n" + string.Join("\n", Requests));
            try
            {
                await signal.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Loop once more to report what was seen.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Record(RecordedAiRequest request)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            _requests.Add(request);
            previous = _changed;
            _changed = NewSignal();
        }
        previous.TrySetResult();
    }

    private AiFault? TakeFault(AiEndpoint endpoint)
    {
        lock (_gate)
        {
            var injection = _injections.FirstOrDefault(i => i.Endpoint == endpoint && i.Remaining > 0);
            if (injection is null) return null;
            injection.Remaining--;
            return injection.Fault;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
