using System.Reflection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin;
using Mindguard.Features.Demo;
using Mindguard.Features.Operations;
using Mindguard.Features.Status;
using Mindguard.Features.Users;
using Mindguard.Features.Voice;
using Mindguard.Features.Wall;
using Mindguard.Infrastructure.Configuration;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Health;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Observability;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Redis;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Security;
using Mindguard.Infrastructure.Security.KeyRotation;
using Mindguard.Infrastructure.Telegram;

try
{
    // The slim builder leaves out what a container behind Railway's proxy never uses (IIS integration,
    // HTTPS and HTTP/3 in Kestrel: TLS ends at the proxy), and the libraries they load: about 3 MB of
    // every replica's idle memory (bench/README.md).
    var builder = WebApplication.CreateSlimBuilder(args);
    if (args.Contains("--demo")) builder.Configuration["MINDGUARD_DEMO"] = "1";
    if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    {
        // Railway and most hosts say where to listen with PORT; ASPNETCORE_URLS, when given, wins.
        builder.WebHost.UseUrls($"http://0.0.0.0:{builder.Configuration["PORT"] ?? "8080"}");
    }

    builder.Services
        .AddSingleton(TimeProvider.System)
        .AddMindguardLogging(builder.Configuration)
        .AddTelemetry(builder.Configuration)
        .AddSecurity()
        .AddDatabase()
        .AddKeyRotation()
        .AddRedis()
        .AddTelegram()
        .AddConsequences()
        .AddScheduling()
        .AddHttpApi()
        .AddHealth()
        .AddAnonymity()
        .AddUsers()
        .AddCheckin()
        .AddStatus()
        .AddAlerts()
        .AddWall()
        .AddVoice()
        .AddOperations()
        .AddDemo();

    var app = builder.Build();
    // An operator's command (keys rotate) runs with the same services and settings instead of the server.
    if (KeysCommand.IsInvoked(args)) return await KeysCommand.RunAsync(app.Services, args);

    app.UseRequestLogging();
    app.UseHttpApi();
    app.UseJobsDashboard();
    app.MapHealth();

    app.Run();
    return 0;
}
// A configuration mistake ends start-up with one line naming the variable and exit code 1, not a stack
// trace. Anything else still fails loudly. Only when this app is the process: a host that runs it in its
// own process (the test suite's WebApplicationFactory) gets the exception itself.
catch (Exception error) when (Assembly.GetEntryAssembly() == typeof(Program).Assembly && ConfigurationErrors.Describe(error) is { } line)
{
    Console.Error.WriteLine(line);
    return 1;
}
