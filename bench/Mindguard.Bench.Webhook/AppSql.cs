using Mindguard.Features.Checkin;
using Mindguard.Features.Status;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// The statements the app itself runs for a check-in answer, taken from the app so the
/// minimal endpoint cannot drift from it: the comparison is about what surrounds the work, not the work.
/// </summary>
public static class AppSql
{
    public static readonly string FindMember = Sql.Load<Members>("FindMemberByTelegramId");
    public static readonly string InsertAnswer = Sql.Load<CheckinStore>("InsertAnswer");
    public static readonly string EnsureDay = Sql.Load<CheckinStore>("EnsureCheckinDay");
    public static readonly string CompleteDay = Sql.Load<CheckinStore>("CompleteCheckinDay");
    public static readonly string Mood = Sql.Load<CheckinStore>("GetMoodComparison");
    public static readonly string ScoredAnswers = Sql.Load<EstimateRecorder>("GetScoredAnswersUntil");
    public static readonly string UpsertEstimate = Sql.Load<EstimateRecorder>("UpsertDailyEstimate");
    public static readonly string RecordConsequences = Sql.Load(typeof(Consequences), "RecordConsequences");
}
