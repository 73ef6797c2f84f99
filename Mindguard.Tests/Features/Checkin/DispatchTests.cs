using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Checkin.Jobs;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Checkin;

/// <summary>The jobs run here with a clock the test controls; everything else is real.</summary>
public sealed class DispatchTests : OneOrgTestBase
{
    // Wednesday 25 November 2026: Kyiv is UTC+2, New York UTC−5, Tokyo UTC+9.
    private static readonly DateTimeOffset Day = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private async Task<TestUser> PersonAsync(string timeZone, string checkinTime = "10:00", string extra = "")
    {
        var person = await Org.EmployeeAsync(App);
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync($"UPDATE users SET time_zone = @timeZone, checkin_time = @time::time {extra} WHERE id = @id",
            new { timeZone, time = checkinTime, id = person.Id });
        return person;
    }

    private Task DispatchAtAsync(DateTimeOffset utc) =>
        ActivatorUtilities.CreateInstance<DispatchDueCheckinsJob>(App.Services, (TimeProvider)new FakeTimeProvider(utc)).RunAsync(CancellationToken.None);

    private Task RemindAtAsync(DateTimeOffset utc) =>
        ActivatorUtilities.CreateInstance<SendRemindersJob>(App.Services, (TimeProvider)new FakeTimeProvider(utc)).RunAsync(CancellationToken.None);

    private async Task<int> PromptsAsync(TestUser person)
    {
        await using var owner = await App.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox WHERE user_id = @Id AND payload->>'text' LIKE 'Час для%'", person);
    }

    private async Task<int> RemindersAsync(TestUser person)
    {
        await using var owner = await App.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox WHERE user_id = @Id AND payload->>'text' LIKE 'Нагадую%'", person);
    }

    [Fact]
    public async Task Each_person_is_prompted_at_ten_in_their_own_time_zone_once_per_local_day()
    {
        var kyiv = await PersonAsync("Europe/Kyiv");
        var newYork = await PersonAsync("America/New_York");
        var tokyo = await PersonAsync("Asia/Tokyo");

        // 00:59 UTC: 09:59 in Tokyo, 02:59 in Kyiv, and still the evening of the 24th in New York.
        await DispatchAtAsync(Day.AddHours(0).AddMinutes(59));
        (await PromptsAsync(tokyo), await PromptsAsync(kyiv), await PromptsAsync(newYork)).ShouldBe((0, 0, 1));

        await DispatchAtAsync(Day.AddHours(1));
        (await PromptsAsync(tokyo), await PromptsAsync(kyiv), await PromptsAsync(newYork)).ShouldBe((1, 0, 1));

        await DispatchAtAsync(Day.AddHours(8));
        (await PromptsAsync(tokyo), await PromptsAsync(kyiv), await PromptsAsync(newYork)).ShouldBe((1, 1, 1));

        await DispatchAtAsync(Day.AddHours(14).AddMinutes(59));
        (await PromptsAsync(newYork)).ShouldBe(1);
        await DispatchAtAsync(Day.AddHours(15));
        await DispatchAtAsync(Day.AddHours(15).AddMinutes(1));
        (await PromptsAsync(tokyo), await PromptsAsync(kyiv), await PromptsAsync(newYork)).ShouldBe((1, 1, 2));

        await DispatchAtAsync(Day.AddDays(1).AddHours(1));
        (await PromptsAsync(tokyo), await PromptsAsync(kyiv), await PromptsAsync(newYork)).ShouldBe((2, 1, 2));

        await using var owner = await App.OwnerConnectionAsync();
        (await owner.QueryAsync<string>("SELECT local_date::text FROM checkin_days WHERE user_id = @Id ORDER BY local_date", newYork))
            .ShouldBe(["2026-11-24", "2026-11-25"]);
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_one_prompt_per_person()
    {
        var people = new List<TestUser>();
        for (var i = 0; i < 20; i++) people.Add(await PersonAsync("Europe/Kyiv"));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DispatchAtAsync(Day.AddHours(8))));

        foreach (var person in people) (await PromptsAsync(person)).ShouldBe(1);
    }

    [Fact]
    public async Task After_a_three_hour_outage_the_day_is_caught_up_not_skipped()
    {
        var kyiv = await PersonAsync("Europe/Kyiv");

        await DispatchAtAsync(Day.AddHours(11));

        (await PromptsAsync(kyiv)).ShouldBe(1);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<DateOnly?>("SELECT local_date FROM checkin_days WHERE user_id = @Id", kyiv)).ShouldBe(new DateOnly(2026, 11, 25));
    }

    [Fact]
    public async Task Paused_and_inactive_people_and_weekends_for_weekday_people_are_skipped()
    {
        var paused = await PersonAsync("Europe/Kyiv", extra: ", paused_until = '2026-11-30'");
        var inactive = await PersonAsync("Europe/Kyiv", extra: ", active = false");
        var weekdays = await PersonAsync("Europe/Kyiv", extra: ", weekdays_only = true");

        await DispatchAtAsync(Day.AddHours(8));
        await DispatchAtAsync(Day.AddDays(3).AddHours(8));

        (await PromptsAsync(paused)).ShouldBe(0);
        (await PromptsAsync(inactive)).ShouldBe(0);
        (await PromptsAsync(weekdays)).ShouldBe(1);

        await DispatchAtAsync(Day.AddDays(5).AddHours(8));
        (await PromptsAsync(paused)).ShouldBe(0);
        (await PromptsAsync(weekdays)).ShouldBe(2);
    }

    [Fact]
    public async Task One_reminder_four_hours_after_the_prompt_and_none_once_done()
    {
        var waiting = await PersonAsync("Europe/Kyiv");
        var done = await PersonAsync("Europe/Kyiv");
        await DispatchAtAsync(Day.AddHours(8));
        await using (var owner = await App.OwnerConnectionAsync())
            await owner.ExecuteAsync("UPDATE checkin_days SET completed_at = now() WHERE user_id = @Id", done);

        await RemindAtAsync(Day.AddHours(11).AddMinutes(59));
        (await RemindersAsync(waiting)).ShouldBe(0);

        await RemindAtAsync(Day.AddHours(12));
        await RemindAtAsync(Day.AddHours(12).AddMinutes(15));
        await RemindAtAsync(Day.AddHours(16));

        (await RemindersAsync(waiting)).ShouldBe(1);
        (await RemindersAsync(done)).ShouldBe(0);
    }

    [Fact]
    public async Task Reminders_never_come_in_quiet_hours_or_to_people_who_paused()
    {
        var evening = await PersonAsync("Europe/Kyiv", checkinTime: "19:00");
        var pausing = await PersonAsync("Europe/Kyiv");
        await DispatchAtAsync(Day.AddHours(17));
        await using (var owner = await App.OwnerConnectionAsync())
            await owner.ExecuteAsync("UPDATE users SET paused_until = '2026-11-26' WHERE id = @Id", pausing);

        await RemindAtAsync(Day.AddHours(21));
        await RemindAtAsync(Day.AddHours(23));
        await RemindAtAsync(Day.AddDays(1).AddHours(7));

        (await RemindersAsync(evening)).ShouldBe(0);
        (await RemindersAsync(pausing)).ShouldBe(0);
    }
}
