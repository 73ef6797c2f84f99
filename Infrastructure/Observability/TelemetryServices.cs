using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mindguard.Infrastructure.Observability;

public static partial class TelemetryServices
{
    /// <summary>
    /// The Mindguard meter is always counted (the operations report and tests read it). OpenTelemetry
    /// traces and metrics leave the process only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the
    /// exporter then reads the standard <c>OTEL_*</c> variables (protocol, headers, intervals) itself.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MindguardMetrics>();
        services.AddSingleton<WebhookLatency>();
        services.AddHostedService<WebhookLatencyFlusher>();
        services.AddHostedService<StartupMemoryTrim>();

        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] ?? "mindguard", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter(MindguardMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                // .NET's own runtime meter: GC, thread pool, exceptions.
                .AddMeter("System.Runtime"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) => RedactBotToken(activity))
                .AddNpgsql())
            .UseOtlpExporter();
        return services;
    }

    /// <summary>Bot API URLs carry the token in their path (<c>/bot&lt;token&gt;/sendMessage</c>); a trace must not.</summary>
    private static void RedactBotToken(Activity activity)
    {
        if (activity.GetTagItem("url.full") is string url && BotTokenInPath().IsMatch(url))
        {
            activity.SetTag("url.full", BotTokenInPath().Replace(url, "/bot[REDACTED]/"));
        }
    }

    [GeneratedRegex("/bot[^/]+/")]
    private static partial Regex BotTokenInPath();
}
