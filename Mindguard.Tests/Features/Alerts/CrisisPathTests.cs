using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

public sealed class CrisisPathTests : AppsTestBase
{
    [Fact]
    public async Task Crisis_resources_come_at_once_and_talk_now_reaches_the_care_contacts_immediately()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        var member = (await app.Services.GetRequiredService<Members>().FindByTelegramIdAsync(person.TelegramId, CancellationToken.None))!;

        await app.Services.GetRequiredService<CrisisPath>().StartAsync(member, person.TelegramId, CrisisSource.FreeText, CancellationToken.None);
        var resources = await Telegram.WaitForMessageAsync(person.TelegramId);
        resources.Text.ShouldBe(Catalogue.Instance.Get(Msg.CrisisResources, "uk"));
        resources.Text.ShouldContain("7333");
        resources.ButtonData.ShouldBe([CrisisPath.TalkData]);

        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));

        (await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.StartsWith("Я повідомив"))).Text.ShouldContain("(2)");
        (await Telegram.WaitForMessageAsync(org.Manager.TelegramId)).Text.ShouldContain("просить поговорити");
        await Telegram.WaitForMessageAsync(org.Admin.TelegramId);
    }
}
