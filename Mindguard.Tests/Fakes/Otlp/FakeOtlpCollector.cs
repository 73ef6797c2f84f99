using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mindguard.Tests.Fakes.Otlp;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1: it accepts <c>/v1/metrics</c> and
/// <c>/v1/traces</c> exports and keeps their protobuf bodies. Names and attribute strings are plain UTF-8
/// inside protobuf, so a test can look for them without decoding the messages.
/// </summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Path, byte[] Body)> _exports = [];

    private FakeOtlpCollector(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new FakeOtlpCollector(app);
        app.MapPost("/v1/{signal}", collector.ReceiveAsync);
        await app.StartAsync();
        collector.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return collector;
    }

    /// <summary>Everything exported to <c>/v1/<paramref name="signal"/></c> so far, as text.</summary>
    public string Received(string signal)
    {
        lock (_exports)
        {
            return string.Concat(_exports.Where(e => e.Path == signal).Select(e => Encoding.UTF8.GetString(e.Body)));
        }
    }

    /// <summary>Every span exported so far, with the instrumentation scope that produced it.</summary>
    public IReadOnlyList<(string Scope, string Span)> Spans()
    {
        lock (_exports)
        {
            return [.. _exports.Where(e => e.Path == "traces").SelectMany(e => OtlpSpans.Read(e.Body))];
        }
    }

    private async Task<IResult> ReceiveAsync(string signal, HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        lock (_exports) _exports.Add((signal, body.ToArray()));
        // An empty Export*ServiceResponse is an empty protobuf message.
        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
