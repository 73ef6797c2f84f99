using Microsoft.Extensions.Http.Resilience;
using Mindguard.Features.Users.DataRights;
using Mindguard.Features.Voice.Ai;
using Mindguard.Features.Voice.Notes;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Telegram;
using Polly;

namespace Mindguard.Features.Voice;

public static class VoiceServices
{
    public static IServiceCollection AddVoice(this IServiceCollection services)
    {
        services.AddOptions<VoiceOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<VoiceOptions>, VoiceOptionsValidator>();

        // The note's time budget (VOICE_TIMEOUT_SECONDS) bounds every call, so the client has no timeout of
        // its own; transient failures get a short retry here, below the SDK.
        services.AddHttpClient(VoiceAi.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("voice-ai", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<VoiceOptions>>().Value;
                if (o.Retries == 0) return;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.Retries,
                    Delay = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
            });

        services.AddSingleton<VoiceAi>();
        services.AddSingleton<TelegramAudio>();
        services.AddSingleton<VoiceNoteStore>();
        services.AddSingleton<VoiceNoteFlow>();
        services.AddSingleton<IPersonalDataSection, VoiceNotesSection>();
        services.AddSingleton<VoiceConsentClause>();
        services.AddSingleton<Users.Consent.IConsentClause>(sp => sp.GetRequiredService<VoiceConsentClause>());
        services.AddBotHandler<VoiceBotHandler>();
        services.AddConsequenceHandler<Screening.NoteScreeningConsequence>();
        return services;
    }
}
