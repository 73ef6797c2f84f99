using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class InviteLinkTests : AppsTestBase
{
    [Fact]
    public async Task When_telegram_answers_with_an_error_page_the_invite_is_still_shown_with_its_code_and_no_link()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        Telegram.Inject(Failure.HtmlErrorPage(502), "getMe");

        var response = await app.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/invites", new { teamId = org.TeamId });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var invite = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        invite["code"]!.GetValue<string>().ShouldMatch("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");
        invite["link"].ShouldBeNull();
    }
}
