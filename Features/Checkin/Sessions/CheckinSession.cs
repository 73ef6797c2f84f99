namespace Mindguard.Features.Checkin.Sessions;

/// <summary>
/// A check-in in progress. Lives in Redis only: answers themselves are in PostgreSQL the moment they
/// are given, so losing a session loses nothing but the place in the conversation.
/// </summary>
/// <param name="Position">Index of the question waiting for an answer; equals the count when all are answered.</param>
/// <param name="Sent">Index of the last question message sent, so a redelivered tap can re-send what was lost.</param>
public sealed record CheckinSession(
    string Id, Guid UserId, long TelegramId, DateOnly LocalDate, IReadOnlyList<string> QuestionIds, int Position, int Sent, string Language)
{
    public bool AllAnswered => Position >= QuestionIds.Count;
}
