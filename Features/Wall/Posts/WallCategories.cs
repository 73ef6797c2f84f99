namespace Mindguard.Features.Wall.Posts;

/// <summary>What a post is about; the names travel in callback data and the API, the labels come from the catalogue.</summary>
public static class WallCategories
{
    public static readonly IReadOnlyList<string> All = ["workload", "relationships", "management", "wellbeing", "other"];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);

    /// <summary>The catalogue key of a category's label, e.g. <c>wall_category_workload</c>.</summary>
    public static string LabelKey(string category) => "wall_category_" + category;
}
