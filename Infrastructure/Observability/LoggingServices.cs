using Microsoft.Extensions.DependencyInjection.Extensions;
using Mindguard.Infrastructure.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Mindguard.Infrastructure.Observability;

public static class LoggingServices
{
    /// <summary>
    /// Structured logs with the request's trace id. <c>LOG_FORMAT=json</c> writes one JSON object a
    /// line for log collectors. HTTP client logging stays at warning: Bot API URLs contain the token.
    /// </summary>
    public static IServiceCollection AddMindguardLogging(this IServiceCollection services, IConfiguration configuration)
    {
        var json = string.Equals(configuration["LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase);
        // writeToProviders lets other logging providers (a log shipper, the test suite's capture) see the same events.
        // preserveStaticLogger keeps this host's logger its own: the static Log.Logger is shared by every host in the
        // process (the test suite runs many at once), and disposing any host would close it for all the others.
        // Serilog is the only writer: the host's default console provider printed every line a second time.
        // Providers registered after this (a log shipper, the tests' capture) still receive every event.
        services.RemoveAll<ILoggerProvider>();
        return services.AddSerilog((sp, log) =>
        {
            log.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
                .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
                // Polly reports every HTTP attempt at Information; retries and failures are Warning and above.
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                // A configuration mistake is reported by Program as one line naming the variable; the host's
                // "Hosting failed to start" with the same exception and its stack trace would bury it.
                .Filter.ByExcluding(e => e.Exception is { } error && ConfigurationErrors.Describe(error) is not null)
                .Enrich.FromLogContext()
                .ReadFrom.Configuration(configuration);
            if (json) log.WriteTo.Console(new RenderedCompactJsonFormatter());
            else log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}");
        }, preserveStaticLogger: true, writeToProviders: true);
    }

    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        // The query string is left out of the logged path: it is where a careless client would put a key.
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.0} ms";
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
        });
        return app;
    }
}
