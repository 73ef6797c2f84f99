using FluentValidation;

namespace Mindguard.Infrastructure.Http;

/// <summary>A page of a list: <c>{items, nextCursor}</c>; pass <c>nextCursor</c> back as <c>?cursor=</c> for more.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// <c>?limit=&amp;cursor=</c>. Lists are ordered by id (UUIDv7 or a sequence, so by creation); the cursor
/// is the last id seen, base64url-encoded so clients treat it as opaque.
/// </summary>
public class PageRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Items per page, 1–200 (default 50).</summary>
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; set; }

    public int Take => Limit ?? DefaultLimit;

    public Guid? AfterId => Cursor is not null && Guid.TryParse(Paging.Decode(Cursor), out var id) ? id : null;

    public long? AfterNumber => Cursor is not null && long.TryParse(Paging.Decode(Cursor), out var id) ? id : null;
}

public static class Paging
{
    public static string Encode(string lastId) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Builds a page from up to <c>limit + 1</c> rows: the extra row only says there is more.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int limit, Func<T, object> id) =>
        rows.Count > limit
            ? new Page<T>(rows.Take(limit).ToList(), Encode(id(rows[limit - 1]).ToString()!))
            : new Page<T>(rows, null);

    /// <summary>Shared rules for every paginated request.</summary>
    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : PageRequest
    {
        validator.RuleFor(r => r.Limit).InclusiveBetween(1, PageRequest.MaxLimit).When(r => r.Limit is not null);
        validator.RuleFor(r => r.Cursor).Must(c => Decode(c!) is not null).When(r => r.Cursor is not null)
            .WithMessage("cursor is not a value this API returned as nextCursor");
    }
}
