namespace Mindguard.Features.Wall;

public sealed class WallOptions
{
    /// <summary>Shortest wait between writing a post and its release, in minutes (<c>WALL_RELEASE_MIN_MINUTES</c>).</summary>
    [ConfigurationKeyName("WALL_RELEASE_MIN_MINUTES")]
    public int ReleaseMinMinutes { get; set; } = 60;

    /// <summary>
    /// Longest wait, in minutes (<c>WALL_RELEASE_MAX_MINUTES</c>). Each post waits a uniformly random time
    /// between the two, so the moment it appears says little about the moment it was written.
    /// </summary>
    [ConfigurationKeyName("WALL_RELEASE_MAX_MINUTES")]
    public int ReleaseMaxMinutes { get; set; } = 360;

    /// <summary>Posts one person may publish in 24 hours (<c>WALL_POSTS_PER_DAY</c>), counted from their first.</summary>
    [ConfigurationKeyName("WALL_POSTS_PER_DAY")]
    public int PostsPerDay { get; set; } = 3;

    /// <summary>Minutes a draft waits in Redis for its category and confirmation (<c>WALL_DRAFT_MINUTES</c>).</summary>
    [ConfigurationKeyName("WALL_DRAFT_MINUTES")]
    public int DraftMinutes { get; set; } = 15;

    /// <summary>Longest post, in characters; posts are read in Telegram, a few to a message.</summary>
    public const int MaxLength = 1000;

    public TimeSpan DraftLifetime => TimeSpan.FromMinutes(DraftMinutes);
}

public sealed class WallOptionsValidator : IValidateOptions<WallOptions>
{
    private const int Week = 7 * 24 * 60;

    public ValidateOptionsResult Validate(string? name, WallOptions o)
    {
        var failures = new List<string>();
        if (o.ReleaseMinMinutes is < 0 or > Week)
            failures.Add($"WALL_RELEASE_MIN_MINUTES must be between 0 and {Week} (got {o.ReleaseMinMinutes}); the default is 60.");
        if (o.ReleaseMaxMinutes < o.ReleaseMinMinutes || o.ReleaseMaxMinutes > Week)
            failures.Add($"WALL_RELEASE_MAX_MINUTES must be at least WALL_RELEASE_MIN_MINUTES and at most {Week} (got {o.ReleaseMaxMinutes}); the default is 360.");
        if (o.PostsPerDay is < 1 or > 100)
            failures.Add($"WALL_POSTS_PER_DAY must be between 1 and 100 (got {o.PostsPerDay}); the default is 3.");
        if (o.DraftMinutes is < 1 or > 1440)
            failures.Add($"WALL_DRAFT_MINUTES must be between 1 and 1440 (got {o.DraftMinutes}); the default is 15.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
