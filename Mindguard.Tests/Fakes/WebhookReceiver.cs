using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mindguard.Tests.Fakes;

/// <summary>An integrator's endpoint on 127.0.0.1: records each delivery and answers 500 to the first <c>failFirst</c>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private int _failuresLeft;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _failuresLeft = failFirst;
    }

    public Uri Url { get; private set; } = null!;
    public IReadOnlyCollection<Received> Deliveries => _received;

    public static async Task<WebhookReceiver> StartAsync(int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
        return receiver;
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_received.Count < count)
        {
            var signal = _signal.Task;
            if (_received.Count >= count) break;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"Expected {count} deliveries, got {_received.Count}");
            try { await signal.WaitAsync(left); } catch (TimeoutException) { }
        }
        return _received.ToList();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 200;
        _received.Enqueue(new Received(body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), status));
        Interlocked.Exchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
