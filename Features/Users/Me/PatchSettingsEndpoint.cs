using FastEndpoints;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Me;

public sealed class PatchSettingsEndpoint(MemberSettings settings, Members members, TimeProvider time) : Endpoint<PatchSettingsRequest, SettingsResponse>
{
    public override void Configure()
    {
        Patch("/api/me/settings");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401));
        Summary(s =>
        {
            s.Summary = "Change your settings";
            s.Description = "Language, time zone, check-in time, weekdays only, cadence, pause and voice analysis. Fields left out stay as they are.";
            s.ExampleRequest = new PatchSettingsRequest { TimeZone = "Europe/Warsaw", CheckinTime = "09:30", PausedUntil = "2026-12-31" };
        });
    }

    public override async Task HandleAsync(PatchSettingsRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        var member = await members.FindAsync(actor, ct);
        if (member is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }

        DateOnly? pauseUntil = req.PausedUntil is { Length: > 0 } text ? SettingsRules.ParseDate(text) : null;
        var zone = req.TimeZone is null ? member.TimeZone : SettingsRules.CanonicalTimeZone(req.TimeZone)!;
        if (pauseUntil is { } until && !SettingsRules.IsAcceptablePause(until, SettingsRules.LocalToday(zone, time)))
        {
            ThrowError(r => r.PausedUntil, $"pausedUntil must be between today and {SettingsRules.MaxPauseDays} days ahead");
        }

        var view = await settings.ApplyAsync(actor, new SettingsChange(
            Language: req.Language,
            TimeZone: req.TimeZone is null ? null : zone,
            CheckinTime: req.CheckinTime is null ? null : SettingsRules.ParseTime(req.CheckinTime),
            WeekdaysOnly: req.WeekdaysOnly,
            Cadence: req.Cadence,
            PauseUntil: pauseUntil,
            Resume: req.PausedUntil == "",
            VoiceAnalysis: req.VoiceAnalysis), ct);
        await Send.OkAsync(SettingsResponse.From(view), ct);
    }
}
