using FastEndpoints;
using Mindguard.Features.Status;
using Mindguard.Features.Users;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Observability;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Checkin.Api;

public sealed class SubmitAnswersEndpoint(Members members, CheckinStore store, MindguardMetrics metrics, TimeProvider time) : Endpoint<SubmitAnswersRequest, SubmitAnswersResponse>
{
    public override void Configure()
    {
        Post("/api/me/checkins/{date}/answers");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "Submit check-in answers from your own client";
            s.Description = "Same rules as the bot: answers are stored at once, unique per local date and question; a question already answered keeps its first answer. "
                + "To prefer not to answer a question, send it with skipped: true and no value: it counts as done for the day and is never scored, "
                + "so an instrument with fewer than two thirds of its items answered shows no estimate.";
            s.ExampleRequest = new SubmitAnswersRequest
            {
                Date = new DateOnly(2026, 11, 25),
                Answers = [new AnswerInput { QuestionId = "mood.today", Value = 4 }, new AnswerInput { QuestionId = "who5.3", Skipped = true }],
            };
        });
    }

    public override async Task HandleAsync(SubmitAnswersRequest req, CancellationToken ct)
    {
        var member = await members.FindAsync(User.ToActor(), ct);
        if (member is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        if (!member.HasConsented)
        {
            await Send.ResultAsync(ApiProblems.Forbidden("Answers are stored only after you agree to the data terms: send /privacy to the Mindguard bot."));
            return;
        }
        var today = SettingsRules.LocalToday(member.TimeZone, time);
        if (req.Date != today && req.Date != today.AddDays(-1)) ThrowError(r => r.Date, $"date must be today ({today:yyyy-MM-dd}) or yesterday in your time zone");

        // Whether these answers complete the day is known before storing them, so the completion and
        // what follows from it commit with them; a retried request finds it all recorded.
        var before = await store.DayAsync(member, req.Date, ct);
        var answered = before.Answered.Union(req.Answers.Select(a => a.QuestionId)).ToHashSet();
        var completed = before.Completed || DailySet.For(member.Id, req.Date, member.Cadence, Bank.QuestionBank.Instance).All(q => answered.Contains(q.Id));
        var storedNow = (await store.SaveAnswersAsync(member, req.Date, req.Answers.Select(a => (a.QuestionId, a.Value)), completed && !before.Completed, ct)).Stored;
        if (completed && !before.Completed) metrics.CheckinCompleted();
        var stored = req.Answers.Select(a => a.QuestionId).Where(storedNow.Contains).ToList();
        var already = req.Answers.Select(a => a.QuestionId).Where(id => !storedNow.Contains(id)).ToList();
        await Send.OkAsync(new SubmitAnswersResponse(req.Date, stored, already, completed), ct);
    }
}
