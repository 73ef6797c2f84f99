using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Wall.Api;

/// <summary>A post as members read it: no author, and only the day it was written.</summary>
public sealed record WallPostResponse(Guid Id, string Category, DateOnly CreatedOn, string Text)
{
    public static WallPostResponse From(WallPost post) => new(post.Id, post.Category, post.CreatedOn, post.Text);
}

/// <param name="State">visible or hidden.</param>
/// <param name="HiddenBecause">flags (three members flagged it; awaiting review) or admin; null when visible.</param>
/// <param name="FlagCount">Flags since the post was last restored.</param>
public sealed record ModeratedPostResponse(Guid Id, string Category, DateOnly CreatedOn, string Text, string State, string? HiddenBecause, int FlagCount)
{
    public static ModeratedPostResponse From(WallPost post) =>
        new(post.Id, post.Category, post.CreatedOn, post.Text, post.Hidden is null ? "visible" : "hidden", post.Hidden, post.FlagCount);
}

public sealed class GetPostsRequest : PageRequest
{
    internal sealed class Validator : Validator<GetPostsRequest>
    {
        public Validator() => this.AddWallPagingRules();
    }
}

public sealed class GetModerationRequest : PageRequest
{
    /// <summary>true: only hidden posts (flagged or hidden by an admin); default: every released post.</summary>
    public bool? Hidden { get; set; }

    internal sealed class Validator : Validator<GetModerationRequest>
    {
        public Validator() => this.AddWallPagingRules();
    }
}

public sealed class CreatePostRequest
{
    /// <summary>What you want to say, 1–1000 characters. Stored encrypted, with no author.</summary>
    public string Text { get; set; } = "";
    /// <summary>workload, relationships, management, wellbeing or other.</summary>
    public string Category { get; set; } = "";

    internal sealed class Validator : Validator<CreatePostRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("text must not be empty")
                .Must(t => t is null || t.Trim().Length <= WallOptions.MaxLength).WithMessage($"text must be at most {WallOptions.MaxLength} characters");
            RuleFor(r => r.Category).Must(WallCategories.IsKnown).WithMessage("category must be one of " + string.Join(", ", WallCategories.All));
        }
    }
}

/// <param name="DeletionToken">Shown only here: the one way to delete the post later (POST /api/wall/deletions). Nobody, admins included, can find out whose post it is.</param>
/// <param name="ReleaseMinMinutes">The post appears on the wall after a random wait between these two.</param>
public sealed record CreatedPostResponse(string DeletionToken, string Category, int ReleaseMinMinutes, int ReleaseMaxMinutes);

/// <param name="Counted">False when you had already flagged this post: each member's flag counts once.</param>
public sealed record FlagResponse(bool Counted);

public sealed class PostIdRequest
{
    public Guid Id { get; set; }
}

public sealed class DeletePostRequest
{
    /// <summary>The deletionToken returned when the post was written.</summary>
    public string Token { get; set; } = "";

    internal sealed class Validator : Validator<DeletePostRequest>
    {
        public Validator() => RuleFor(r => r.Token).Must(t => DeletionTokens.TryDecode(t, out _)).WithMessage("token is not a deletion token this API issued");
    }
}

public static class WallApi
{
    /// <summary>The cursor is a place in the wall's order (a positive number), opaque to clients.</summary>
    public static void AddWallPagingRules<T>(this AbstractValidator<T> validator) where T : PageRequest
    {
        validator.AddPagingRules();
        validator.RuleFor(r => r.Cursor)
            .Must(c => long.TryParse(Paging.Decode(c!), NumberStyles.None, CultureInfo.InvariantCulture, out var place) && place > 0)
            .When(r => r.Cursor is not null && Paging.Decode(r.Cursor) is not null)
            .WithMessage("cursor is not a value this API returned as nextCursor");
    }

    /// <summary>The explanation given instead of posts while the organisation is too small for anonymity.</summary>
    public static IResult Closed(int k) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The wall is not open",
        detail: $"The wall opens when your organisation has at least {k} active members, so that nobody can tell who wrote what.");
}
