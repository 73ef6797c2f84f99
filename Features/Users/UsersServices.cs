using Mindguard.Features.Users.Bootstrap;
using Mindguard.Features.Users.Consent;
using Mindguard.Features.Users.DataRights;
using Mindguard.Features.Users.Keys;
using Mindguard.Features.Users.Offboarding;
using Mindguard.Features.Users.Onboarding;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Security.KeyRotation;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users;

public static class UsersServices
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddHostedService<BootstrapAdmin>();

        services.AddSingleton<Members>();
        services.AddSingleton<Resources.SupportResources>();
        services.AddSingleton<PersonCipher>();
        services.AddSealedColumn(SealedColumn.WrappedDataKeys("data keys", "users", "id", "data_key"));
        services.AddSingleton<TelegramAdmins>();
        services.AddSingleton<CodeAttemptLimiter>();
        services.AddSingleton<PendingLanguage>();
        services.AddSingleton<InviteRedemption>();
        services.AddSingleton<PendingJoins>();
        services.AddSingleton<JoinOnConsent>();
        services.AddSingleton<ConsentScreen>();
        services.AddSingleton<ConsentClauses>();
        services.AddSingleton<MemberSettings>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<Integrations.ServiceAccounts>();
        services.AddSingleton<ForgetMember>();
        services.AddSingleton<PersonalDataExport>();
        services.AddSingleton<IPersonalDataSection, ProfileSection>();
        services.AddSingleton<IPersonalDataSection, RecordsSection>();

        services.AddSingleton<IUpdateGate, DeactivatedMemberGate>();

        services.AddBotHandler<HelpBotHandler>();
        services.AddBotHandler<StartBotHandler>();
        services.AddBotHandler<ConsentBotHandler>();
        services.AddBotHandler<SettingsBotHandler>();
        services.AddBotHandler<PauseBotHandler>();
        services.AddBotHandler<ApiKeyBotHandler>();
        services.AddBotHandler<DataRightsBotHandler>();
        return services;
    }
}
