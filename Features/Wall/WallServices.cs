using Mindguard.Features.Wall.Bot;
using Mindguard.Features.Wall.Jobs;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Security.KeyRotation;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Wall;

public static class WallServices
{
    public static IServiceCollection AddWall(this IServiceCollection services)
    {
        services.AddOptions<WallOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<WallOptions>, WallOptionsValidator>();

        services.AddSingleton<WallSecrets>();
        services.AddSingleton<WallKeys>();
        services.AddSealedColumn(SealedColumn.WrappedDataKeys("wall keys", "organisations", "id", "wall_key"));
        services.AddSingleton<PostingLimit>();
        services.AddSingleton<WallPosts>();
        services.AddSingleton<WallDrafts>();
        services.AddSingleton<Mindguard.Features.Users.DataRights.IPersonalDataEraser, Forget.WallEraser>();
        services.AddSingleton<WallWriting>();
        services.AddSingleton<WallReading>();
        services.AddBotHandler<WallBotHandler>();

        services.AddRecurringJob<ReleaseWallPostsJob>("ReleaseWallPosts", "*/10 * * * *");
        // 07:00 UTC is the morning in Kyiv (09:00 or 10:00); Jobs__SendWallDigest changes it.
        services.AddRecurringJob<SendWallDigestJob>("SendWallDigest", "0 7 * * *");
        return services;
    }
}
