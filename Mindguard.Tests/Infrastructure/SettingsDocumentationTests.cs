using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure;

/// <summary>
/// An operator learns the settings from <c>.env.example</c> and the README's configuration table. Both must
/// name every variable the app reads, and nothing it does not: the options classes (each property's
/// <c>ConfigurationKeyName</c>), the few variables the host reads before options exist, and one
/// <c>Jobs__&lt;Name&gt;</c> per scheduled job, with its default schedule.
/// </summary>
public sealed partial class SettingsDocumentationTests : AppsTestBase
{
    /// <summary>Read straight from the configuration while the host is built, before any options class is bound.</summary>
    private static readonly string[] ReadByTheHost = ["PORT", "LOG_FORMAT", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"];

    /// <summary>Standard variables the OpenTelemetry exporter reads by itself; documented, never bound by us.</summary>
    private static readonly string[] ReadByOpenTelemetry = ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_METRIC_EXPORT_INTERVAL"];

    [Fact]
    public void Every_variable_an_options_class_binds_is_in_env_example_and_the_readme_and_nothing_else_is()
    {
        var read = BoundByOptions().Concat(ReadByTheHost).ToHashSet();
        var example = EnvExampleVariables().Where(v => !v.StartsWith("Jobs__")).ToHashSet();
        var readme = ReadmeVariables().Where(v => !v.StartsWith("Jobs__")).ToHashSet();

        read.Except(example).Order().ShouldBeEmpty("read by the app but missing from .env.example");
        read.Except(readme).Order().ShouldBeEmpty("read by the app but missing from the README's configuration table");
        example.Except(read).Except(ReadByOpenTelemetry).Order().ShouldBeEmpty("in .env.example but read by nothing");
        readme.Except(read).Order().ShouldBeEmpty("in the README's configuration table but read by nothing");
    }

    [Fact]
    public async Task Every_scheduled_job_is_in_env_example_with_its_default_schedule_and_named_in_the_readme()
    {
        var app = await StartAppAsync(s => s["TELEGRAM_BOT_TOKEN"] = null);
        var jobs = app.Services.GetServices<RecurringJobDefinition>().ToDictionary(j => "Jobs__" + j.Name, j => j.DefaultCron);

        var example = EnvExample().Where(e => e.Name.StartsWith("Jobs__")).ToDictionary(e => e.Name, e => e.Value);
        example.ShouldBe(jobs, ignoreOrder: true, "every job in .env.example as Jobs__<Name>=<its default cron>, and no other");

        var readme = ReadmeRows().Single(r => r.Variables.Contains("Jobs__<Name>"));
        jobs.Keys.Select(k => k["Jobs__".Length..]).Where(name => !readme.Text.Contains($"`{name}`")).ShouldBeEmpty("jobs the README's Jobs__<Name> row does not name");
    }

    /// <summary>Every property of every options class in the app, under the name the binder reads.</summary>
    private static IEnumerable<string> BoundByOptions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options") && t.Namespace?.StartsWith("Mindguard") == true)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name);

    private static IEnumerable<(string Name, string Value)> EnvExample() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot(), ".env.example"))
            .Select(l => EnvLine().Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups["name"].Value, m.Groups["value"].Value.Trim()));

    private static IEnumerable<string> EnvExampleVariables() => EnvExample().Select(e => e.Name);

    private static IEnumerable<string> ReadmeVariables() => ReadmeRows().SelectMany(r => r.Variables);

    /// <summary>The rows of the table under "## Configuration": the variables named in the first cell, and the whole row.</summary>
    private static IEnumerable<(string[] Variables, string Text)> ReadmeRows()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var section = lines.SkipWhile(l => l.Trim() != "## Configuration").Skip(1).TakeWhile(l => !l.StartsWith("## "));
        foreach (var row in section.Where(l => l.StartsWith("| `")))
        {
            var firstCell = row.Split('|', StringSplitOptions.RemoveEmptyEntries)[0];
            yield return (Backticked().Matches(firstCell).Select(m => m.Groups[1].Value).ToArray(), row);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mindguard.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Mindguard.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>A setting, set or commented out: <c>NAME=value</c> or <c># NAME=value</c>.</summary>
    [GeneratedRegex(@"^#?\s*(?<name>[A-Z][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex EnvLine();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
