using Mindguard.Features.Users.Consent;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Checkin;

/// <summary>
/// <c>/checkin</c>, the buttons of the prompt and of each question (<c>ci:v1:…</c>: an option, <c>pass</c> for
/// "prefer not to answer", <c>back</c> for "change the previous answer"), and the optional note.
/// Callback data is parsed strictly: anything that is not exactly a known shape is refused, never trusted.
/// </summary>
public sealed class CheckinBotHandler(ConsentScreen consent, CheckinFlow flow, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new()
    {
        Commands = ["/checkin"],
        CallbackPrefixes = ["ci"],
        Conversations = [CheckinFlow.NoteConversation],
    };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        // A check-in (its prompt's button too) waits until the person has agreed to the terms as they read now.
        var member = await consent.FindConsentedOrAskAsync(request, ct);
        if (member is null) return;

        if (request.Callback is not { } callback)
        {
            if (request.Command == "/checkin") await flow.StartAsync(member, request.ChatId, ct);
            else await flow.SaveNoteAsync(member, request, ct);
            return;
        }

        var parts = request.Arguments.Split(':');
        switch (parts)
        {
            case ["ci", "v1", "go"]:
                await replies.AnswerCallbackAsync(callback.Id, null, ct);
                await flow.StartAsync(member, request.ChatId, ct);
                break;
            case ["ci", "v1", "deep"]:
                await replies.AnswerCallbackAsync(callback.Id, null, ct);
                await flow.StartDeepCheckAsync(member, request.ChatId, ct);
                break;
            case ["ci", "v1", var session, "skip"] when session.Length is > 0 and <= 16:
                await flow.SkipNoteAsync(member, request, session, ct);
                break;
            case ["ci", "v1", var session, var index, "pass"] when session.Length is > 0 and <= 16 && int.TryParse(index, out var i) && i >= 0:
                await flow.AnswerAsync(member, request, session, i, null, ct);
                break;
            case ["ci", "v1", var session, var index, "back"] when session.Length is > 0 and <= 16 && int.TryParse(index, out var i) && i >= 0:
                await flow.BackAsync(member, request, session, i, ct);
                break;
            case ["ci", "v1", var session, var index, var value]
                when session.Length is > 0 and <= 16 && int.TryParse(index, out var i) && i >= 0 && int.TryParse(value, out var v):
                await flow.AnswerAsync(member, request, session, i, v, ct);
                break;
            default:
                await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.CheckinInvalidButton, member.Language), ct);
                break;
        }
    }
}
