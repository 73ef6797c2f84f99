using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

public sealed class WebhookSecretLengthTests : AppsTestBase
{
    [Fact]
    public async Task A_webhook_secret_shorter_than_16_characters_stops_start_up_with_a_message_naming_the_variable()
    {
        var error = await Should.ThrowAsync<Exception>(() => StartAppAsync(s => s["TELEGRAM_WEBHOOK_SECRET"] = "fifteen-chars-x"));

        error.ToString().ShouldContain("TELEGRAM_WEBHOOK_SECRET must be at least 16 characters");
    }

    [Fact]
    public async Task A_16_character_webhook_secret_is_accepted_and_checked()
    {
        const string secret = "sixteen-chars-ok";
        var app = await StartAppAsync(s => s["TELEGRAM_WEBHOOK_SECRET"] = secret);

        (await app.PostUpdateAsync("""{"update_id":1}""", secret)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await app.PostUpdateAsync("""{"update_id":2}""", "sixteen-chars-no")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }
}
