using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Mindguard.Features.Operations;
using Mindguard.Infrastructure.Observability;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Operations;

public sealed class OperationsTests : AppsTestBase
{
    private MindguardApp _app = null!;
    private Org _org = null!;
    private int _updatesPosted;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await StartAppAsync(services: s => s.AddRecurringJob<AlwaysFailingJob>("AlwaysFails", "0 0 1 1 *"));
        _org = await Org.SeedAsync(_app);
    }

    [Fact]
    public async Task An_admin_reads_checkin_success_delivery_webhook_latency_and_job_runs()
    {
        var meters = _app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var completedMetric = new MetricCollector<long>(meters, MindguardMetrics.MeterName, "mindguard.checkins.completed");
        using var messagesMetric = new MetricCollector<long>(meters, MindguardMetrics.MeterName, "mindguard.telegram.messages");
        using var webhookMetric = new MetricCollector<double>(meters, MindguardMetrics.MeterName, "mindguard.webhook.duration");

        var finished = await PersonAsync();
        await CheckinAsync(finished, answers: 5);
        var abandoned = await PersonAsync();
        await CheckinAsync(abandoned, answers: 1);
        var answering = await PersonAsync();
        await CheckinAsync(answering, answers: 2);
        await using (var owner = await _app.OwnerConnectionAsync())
        {
            // The abandoned check-in's last answer is older than a session lives: it has expired.
            await owner.ExecuteAsync("UPDATE checkin_answers SET answered_at = now() - interval '1 hour' WHERE user_id = @Id", abandoned.Person);
        }

        Telegram.Inject(Failure.Blocked(), "sendMessage", abandoned.Person.TelegramId);
        await _app.EnqueueAsync((finished.Person, "a reminder"), (abandoned.Person, "a reminder"));
        await Eventually.HoldsAsync(() => _app.OutboxRowAsync(abandoned.Person.TelegramId), r => r.Status == "failed", "the blocked message to fail");
        await Eventually.HoldsAsync(() => _app.OutboxRowAsync(finished.Person.TelegramId), r => r.Status == "sent", "the reminder to be sent");

        var jobs = _app.Services.GetRequiredService<IRecurringJobManager>();
        jobs.Trigger("CleanUp");
        jobs.Trigger("AlwaysFails");
        var report = await Eventually.HoldsAsync(ReadAsync,
            r => r.Last24Hours.Jobs.ByJob.Any(j => j.Job == "CleanUp") && r.Last24Hours.Jobs.ByJob.Any(j => j.Job == "AlwaysFails"),
            "both job runs to be recorded", TimeSpan.FromSeconds(30));

        var day = report.Last24Hours;
        day.Checkins.ShouldBe(new CheckinFigures(Prompted: 0, Started: 3, Completed: 1, Expired: 1, InProgress: 1, SuccessRate: 0.5,
            Target: 0.95, MeetsTarget: false));

        day.Messages.Queued.ShouldBe(2);
        day.Messages.Sent.ShouldBe(1);
        day.Messages.Failed.ShouldBe(1);
        day.Messages.FailedByReason.ShouldBe([new ReasonCount("blocked by user (403)", 1)]);
        day.Messages.LagP50Seconds.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);

        day.Webhook.Requests.ShouldBe(_updatesPosted);
        day.Webhook.P50Ms.ShouldNotBeNull();
        day.Webhook.P99Ms.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(day.Webhook.P50Ms!.Value);
        day.Webhook.TargetMs.ShouldBe(500);

        var cleanUp = day.Jobs.ByJob.Single(j => j.Job == "CleanUp");
        (cleanUp.Runs, cleanUp.Failed, cleanUp.LastError).ShouldBe((1, 0, (string?)null));
        var failing = day.Jobs.ByJob.Single(j => j.Job == "AlwaysFails");
        failing.Failed.ShouldBeGreaterThanOrEqualTo(1);
        failing.LastError.ShouldBe(nameof(InvalidOperationException));

        // The week includes the day.
        report.Last7Days.Checkins.Started.ShouldBe(3);
        report.Last7Days.Messages.Sent.ShouldBe(1);
        report.Backlog.Pending.ShouldBe(0);

        // The same figures leave the process as OpenTelemetry instruments.
        completedMetric.GetMeasurementSnapshot().Sum(m => m.Value).ShouldBe(1);
        messagesMetric.GetMeasurementSnapshot().Count(m => Equals(m.Tags["outcome"], "sent")).ShouldBe(1);
        messagesMetric.GetMeasurementSnapshot().Count(m => Equals(m.Tags["outcome"], "failed") && Equals(m.Tags["reason"], "blocked")).ShouldBe(1);
        webhookMetric.GetMeasurementSnapshot().Count.ShouldBe(_updatesPosted);
    }

    [Fact]
    public async Task Only_admins_read_them_and_only_their_own_organisation_s_checkins()
    {
        var person = await PersonAsync();
        await CheckinAsync(person, answers: 5);

        (await _app.ClientWithKey(person.Person.ApiKey).GetAsync("/api/org/operations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.ClientWithKey(_org.Manager.ApiKey).GetAsync("/api/org/operations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.Http.GetAsync("/api/org/operations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var other = await Org.SeedAsync(_app);
        var theirs = await _app.ClientWithKey(other.Admin.ApiKey).GetFromJsonAsync<OperationsReport>("/api/org/operations", JsonSerializerOptions.Web);
        theirs!.Last24Hours.Checkins.Started.ShouldBe(0);
        (await ReadAsync()).Last24Hours.Checkins.Completed.ShouldBe(1);
    }

    private async Task<(TestUser Person, CheckinDriver Driver)> PersonAsync()
    {
        var person = await _org.EmployeeAsync(_app);
        await _app.GiveDataKeyAsync(person);
        return (person, new CheckinDriver(Telegram, person.TelegramId));
    }

    private async Task CheckinAsync((TestUser Person, CheckinDriver Driver) who, int answers)
    {
        (await _app.PostUpdateAsync(TelegramUpdates.Text(who.Person.TelegramId, "/checkin"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        _updatesPosted++;
        for (var i = 0; i < answers; i++)
        {
            await who.Driver.AnswerAsync(_app, i, option: 1);
            _updatesPosted++;
        }
    }

    private async Task<OperationsReport> ReadAsync() =>
        (await _app.ClientWithKey(_org.Admin.ApiKey).GetFromJsonAsync<OperationsReport>("/api/org/operations", JsonSerializerOptions.Web))!;

    [Fact]
    public async Task A_consequence_that_keeps_failing_is_parked_with_its_reason_for_the_admin()
    {
        var person = await _org.EmployeeAsync(_app);
        await using (var owner = await _app.OwnerConnectionAsync())
        {
            // A kind no slice handles, on its last attempt: the worker fails it once more and sets it aside.
            await owner.ExecuteAsync("""
                INSERT INTO consequences (user_id, kind, dedupe_key, local_date, attempts)
                VALUES (@Id, 'no_such_kind', 'test', current_date, @attempts)
                """, new { person.Id, attempts = Mindguard.Infrastructure.Consequences.ConsequenceWorker.MaxAttempts - 1 });
        }

        var parked = await Eventually.HoldsAsync(async () =>
        {
            var report = await _app.ClientWithKey(_org.Admin.ApiKey).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/org/operations");
            return report.GetProperty("parkedConsequences");
        }, p => p.GetArrayLength() > 0, "the consequence to be parked and reported", TimeSpan.FromSeconds(20));

        var row = parked[0];
        row.GetProperty("kind").GetString().ShouldBe("no_such_kind");
        row.GetProperty("reason").GetString()!.ShouldContain("No handler");
        row.GetProperty("count").GetInt32().ShouldBe(1);
    }
}

/// <summary>A scheduled job that always fails, as a broken one would.</summary>
public sealed class AlwaysFailingJob : IRecurringJob
{
    public Task RunAsync(CancellationToken ct) => throw new InvalidOperationException("this job always fails");
}
