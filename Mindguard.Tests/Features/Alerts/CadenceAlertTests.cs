using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

/// <summary>Every cadence can raise an alert: a sustained critical stretch, evaluated by the daily job, raises exactly one.</summary>
public sealed class CadenceAlertTests : AppsTestBase
{
    [Theory]
    [InlineData("daily", 1)]
    [InlineData("every3days", 3)]
    [InlineData("weekly", 7)]
    public async Task A_sustained_critical_stretch_raises_exactly_one_alert_on_every_cadence(string cadence, int every)
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await app.SetTimeZoneAsync(person, "Europe/Kyiv", cadence);
        await app.SeedDaysAsync(person, 28, q => q.Options.Count - 1, every: every);
        var job = app.Services.GetRequiredService<EvaluateAlertsJob>();

        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);

        await using var owner = await app.OwnerConnectionAsync();
        (await owner.QueryAsync<string>("SELECT rule FROM alerts WHERE user_id = @Id", person)).ShouldHaveSingleItem().ShouldBe("critical");
        await Telegram.WaitForMessageAsync(org.Manager.TelegramId);
    }
}
