using Mindguard.Features.Users;
using Mindguard.Features.Users.Consent;

namespace Mindguard.Features.Checkin;

/// <summary>
/// A check-in the terms interrupted (their wording changed between two answers) goes on at the question
/// the person was on once they agree: the tap that met the consent screen stored nothing, so the same
/// question is asked again, and an answer that opens the crisis path is taken as any other.
/// </summary>
public sealed class ResumeCheckinAfterConsent(CheckinFlow flow) : IResumeAfterConsent
{
    public async Task<bool> IsWaitingAsync(Member member, CancellationToken ct) => await flow.UnfinishedTodayAsync(member) is not null;

    public Task ResumeAsync(Member member, long chatId, CancellationToken ct) => flow.ResendCurrentQuestionAsync(member, chatId, ct);
}
