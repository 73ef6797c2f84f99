using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Mindguard.Features.Alerts.Webhooks;

namespace Mindguard.Tests.Fakes;

/// <summary>
/// An integrator's https endpoint on 127.0.0.1 (webhooks are https only): records each delivery and answers
/// 500 to the first <c>failFirst</c>, a redirect when <c>redirectTo</c> is given, and holds each request
/// for <c>holdFor</c> when told to be slow. Its certificate is self-signed: an app trusts it through
/// <see cref="TrustedBy"/>, which production never does.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith, DateTimeOffset At);

    private static readonly Lazy<X509Certificate2> Certificate = new(CreateCertificate);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly TimeSpan _holdFor;
    private readonly string? _redirectTo;
    private readonly CancellationTokenSource _stopping = new();
    private int _failuresLeft;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app, int failFirst, TimeSpan holdFor, string? redirectTo)
    {
        _app = app;
        _failuresLeft = failFirst;
        _holdFor = holdFor;
        _redirectTo = redirectTo;
    }

    public Uri Url { get; private set; } = null!;
    public int Port => Url.Port;
    public IReadOnlyCollection<Received> Deliveries => _received;
    /// <summary>Requests that arrived, including those still being held.</summary>
    public int Arrived => _arrived;
    private int _arrived;

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, TimeSpan holdFor = default, string? redirectTo = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(Certificate.Value)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst, holdFor, redirectTo);
        // Any method: a followed 302 arrives as a GET, and it must be counted.
        app.Map("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
        return receiver;
    }

    /// <summary>For an app's services: its webhook client accepts this receiver's certificate (and only it) besides the public ones.</summary>
    public static void TrustedBy(IServiceCollection services) =>
        services.Configure<HttpClientFactoryOptions>(WebhookDeliveryWorker.HttpClientName, o => o.HttpMessageHandlerBuilderActions.Add(b =>
            ((SocketsHttpHandler)b.PrimaryHandler).SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && certificate.GetCertHashString() == Certificate.Value.GetCertHashString())));

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
        Interlocked.Increment(ref _arrived);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (_holdFor > TimeSpan.Zero)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(_holdFor, held.Token).ContinueWith(_ => { });
        }
        var status = _redirectTo is not null ? 302 : Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 200;
        _received.Enqueue(new Received(body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), status, DateTimeOffset.UtcNow));
        Interlocked.Exchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (_redirectTo is not null) context.Response.Headers.Location = _redirectTo;
        context.Response.StatusCode = status;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Exported and loaded again so the private key is usable by Kestrel's TLS on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
