namespace Mindguard.Features.Users.Consent;

/// <summary>
/// Something a member was in the middle of when a change of the terms stopped them (a check-in half
/// answered), picked up again as soon as they agree, so agreeing never costs them their place.
/// </summary>
public interface IResumeAfterConsent
{
    /// <summary>Whether there is something to pick up again; the thank-you says so before it comes.</summary>
    Task<bool> IsWaitingAsync(Member member, CancellationToken ct);

    /// <summary>Sends it again (the question they were on); nothing when it is no longer waiting.</summary>
    Task ResumeAsync(Member member, long chatId, CancellationToken ct);
}
