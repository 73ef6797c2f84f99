using Mindguard.Features.Checkin.Jobs;
using Mindguard.Features.Checkin.Sessions;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Checkin;

public static class CheckinServices
{
    public static IServiceCollection AddCheckin(this IServiceCollection services)
    {
        services.AddOptions<CheckinOptions>().BindConfiguration("")
            .Validate(o => o.SessionMinutes is > 0 and <= 1440, "CHECKIN_SESSION_MINUTES must be between 1 and 1440")
            .Validate(o => o.ReminderHours is > 0 and < 24, "CHECKIN_REMINDER_HOURS must be above 0 and below 24")
            .ValidateOnStart();
        services.AddSingleton<CheckinSessions>();
        services.AddSingleton<CheckinStore>();
        services.AddSingleton<CheckinFlow>();
        services.AddSingleton<DeepCheck>();
        services.AddSingleton<Mindguard.Features.Users.Consent.IResumeAfterConsent, ResumeCheckinAfterConsent>();
        services.AddSingleton<Mindguard.Features.Users.DataRights.IPersonalDataSection, Export.CheckinSection>();
        services.AddSingleton<Mindguard.Features.Users.DataRights.IPersonalDataEraser, Forget.CheckinEraser>();
        services.AddBotHandler<CheckinBotHandler>();
        services.AddRecurringJob<DispatchDueCheckinsJob>("DispatchDueCheckins", "* * * * *");
        services.AddRecurringJob<SendRemindersJob>("SendReminders", "*/15 * * * *");
        return services;
    }
}
