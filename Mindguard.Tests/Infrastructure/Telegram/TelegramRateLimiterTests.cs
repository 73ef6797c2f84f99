using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Tests.Support;
using StackExchange.Redis;

namespace Mindguard.Tests.Infrastructure.Telegram;

public sealed class TelegramRateLimiterTests : AppsTestBase
{
    [Fact]
    public async Task The_429s_of_sends_already_on_the_wire_do_not_re_arm_a_pause_in_force()
    {
        var app = await StartAppAsync();
        var limiter = app.Services.GetRequiredService<TelegramRateLimiter>();
        var redis = app.Services.GetRequiredService<IDatabase>();

        await limiter.PauseAsync(TimeSpan.FromSeconds(2));
        await limiter.PauseAsync(TimeSpan.FromSeconds(30));

        (await redis.KeyTimeToLiveAsync("tg:rate:pause"))!.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        (await limiter.TryTakeReplySlotAsync(TestData.NewTelegramId())).ShouldBeNull();
    }
}
