namespace Mindguard.Features.Checkin.Sessions;

/// <summary>
/// A check-in in progress. Lives in Redis only: answers themselves are in PostgreSQL the moment they
/// are given, so losing a session loses nothing but the place in the conversation.
/// </summary>
/// <param name="Position">Index of the question waiting for an answer; equals the count when all are answered.</param>
/// <param name="Sent">Index of the last question message sent, so a redelivered tap can re-send what was lost.</param>
/// <param name="Revising">Index of the question asked again to change its answer ("change my last answer"), or -1;
/// while it is set, <paramref name="Position"/> is that question's index.</param>
/// <param name="Previous">The answer being changed, as stored when the person asked to change it (null: skipped).</param>
public sealed record CheckinSession(
    string Id, Guid UserId, long TelegramId, DateOnly LocalDate, IReadOnlyList<string> QuestionIds, int Position, int Sent, string Language,
    int Revising = -1, int? Previous = null)
{
    public bool AllAnswered => Position >= QuestionIds.Count;

    public bool IsRevising(int index) => Revising >= 0 && Revising == index;
}
