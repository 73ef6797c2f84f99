using Mindguard.Features.Users;
using Mindguard.Features.Voice;
using Mindguard.Features.Voice.Ai;

namespace Mindguard.Features.Alerts;

/// <summary>
/// Reads a person's written check-in note with the same analysis as voice notes, when an
/// OpenAI-compatible server is configured, and opens the crisis path if it flags self-harm risk.
/// Without the service, or when it fails, the note is simply kept: screening never blocks a check-in.
/// </summary>
public sealed class NoteScreening(VoiceAi ai, IOptions<VoiceOptions> options, CrisisPath crisis, ILogger<NoteScreening> logger)
{
    public async Task ScreenAsync(Member member, long chatId, string text, CancellationToken ct)
    {
        if (!options.Value.Enabled || string.IsNullOrWhiteSpace(text)) return;
        VoiceAnalysis analysis;
        try
        {
            analysis = await ai.AnalyseAsync(text, member.Language, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not screen a check-in note ({Error}); it is kept as written", ex.GetType().Name);
            return;
        }
        if (analysis.SelfHarmRisk) await crisis.StartAsync(member, chatId, CrisisSource.FreeText, ct);
    }
}
