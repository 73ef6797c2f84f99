using Mindguard.Features.Users.Consent;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Voice;

/// <summary>
/// The consent text's paragraph on voice notes: the AI server they go to, by name, when one is set up
/// (and that switching analysis off also switches off their crisis screening, which needs the transcript);
/// otherwise that recordings go nowhere.
/// </summary>
public sealed class VoiceConsentClause(IOptions<VoiceOptions> options) : IConsentClause
{
    public string Name => "voice";

    /// <summary>The server by the name the text gives it: agreeing to one server is not agreeing to another.</summary>
    public string? Variant => options.Value.Enabled ? $"ai:{options.Value.ApiEndpoint.Host}" : null;

    public string Text(string language) => options.Value.Enabled
        ? Catalogue.Instance.Get(Msg.ConsentVoiceAi, language, options.Value.ApiEndpoint.Host)
        : Catalogue.Instance.Get(Msg.ConsentVoiceNone, language);
}
