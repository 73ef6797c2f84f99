using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Redis;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Tests.Infrastructure;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Malformed_database_url_names_the_variable_without_echoing_the_password()
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Url = "postgres://u:hunter2@h/db?nonsense=1" });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("DATABASE_URL");
        result.FailureMessage.ShouldNotContain("hunter2");
    }

    [Fact]
    public void Malformed_redis_url_names_the_variable()
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions { Url = "redis://localhost/notanumber" });

        result.FailureMessage!.ShouldContain("REDIS_URL");
    }

    [Fact]
    public void Webhook_mode_needs_a_secret_and_an_https_public_url()
    {
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions { BotToken = "1:x", Mode = "webhook", PublicUrl = "http://insecure.example" });

        result.FailureMessage!.ShouldContain("TELEGRAM_WEBHOOK_SECRET");
        result.FailureMessage!.ShouldContain("PUBLIC_URL");
    }

    [Fact]
    public void Unknown_telegram_mode_is_rejected()
    {
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions { BotToken = "1:x", Mode = "carrier-pigeon" });

        result.FailureMessage!.ShouldContain("TELEGRAM_MODE");
    }

    [Fact]
    public void Without_a_token_the_bot_is_off_whatever_the_mode()
    {
        new TelegramOptions { Mode = "webhook" }.EffectiveMode.ShouldBe(TelegramMode.Off);
        new TelegramOptions { BotToken = "1:x" }.EffectiveMode.ShouldBe(TelegramMode.Polling);
        new TelegramOptions { BotToken = "1:x", PublicUrl = "https://m.example" }.EffectiveMode.ShouldBe(TelegramMode.Webhook);
    }

    [Fact]
    public void Runtime_role_password_is_derived_the_same_way_on_every_replica_and_differs_per_owner_password()
    {
        var a = new DatabaseOptions { Url = "postgres://owner:one@h/db" };
        var b = new DatabaseOptions { Url = "postgres://owner:one@h/db" };
        var c = new DatabaseOptions { Url = "postgres://owner:two@h/db" };

        a.DerivedAppPassword().ShouldBe(b.DerivedAppPassword());
        a.DerivedAppPassword().ShouldNotBe(c.DerivedAppPassword());
        new NpgsqlConnectionStringBuilder(a.AppConnectionString).Username.ShouldBe(DatabaseOptions.DefaultAppRole);
    }
}
