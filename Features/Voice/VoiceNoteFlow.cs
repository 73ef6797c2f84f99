using Mindguard.Features.Users;
using Mindguard.Features.Users.Consent;
using Mindguard.Features.Users.Resources;
using Mindguard.Features.Voice.Ai;
using Mindguard.Features.Voice.Notes;
using Mindguard.Features.Voice.Screening;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Polly;
using Polly.Timeout;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Mindguard.Features.Voice;

/// <summary>
/// One voice note from arrival to reply: limits from Telegram's metadata first (nothing is downloaded for
/// a note over them), then download into memory, transcription and analysis inside one time budget, then
/// store and answer. Any failure of the speech/language server ends in a polite message with nothing
/// stored; a failure of our own storage or of Telegram propagates so the update is delivered again.
/// Screening fails safe: a transcript the model could not analyse (down, timed out, refused, nonsense)
/// is still screened by <see cref="CrisisPhrases"/>, and a risk is recorded as a crisis consequence
/// before anything is sent. A person who switched voice analysis off gets a polite note and nothing is
/// sent to the server; nor for someone whose agreement named another server, or none (they are asked again).
/// </summary>
public sealed class VoiceNoteFlow(
    TelegramAudio telegramAudio, VoiceAi ai, VoiceNoteStore store, BotReplies replies, SupportResources resources,
    ConsentScreen consent, VoiceConsentClause clause, IOptions<VoiceOptions> options, ILogger<VoiceNoteFlow> logger)
{
    /// <summary>Telegram's limit for one text message.</summary>
    internal const int MessageLimit = 4096;

    private readonly ResiliencePipeline _budget = new ResiliencePipelineBuilder().AddTimeout(options.Value.Timeout).Build();

    private sealed record Heard(string Transcript, VoiceAnalysis Analysis);

    /// <summary>What the speech server heard, kept even when the analysis that follows fails.</summary>
    private sealed class Transcript
    {
        public string? Text { get; set; }
    }

    public async Task HandleAsync(Member member, long chatId, Message message, CancellationToken ct)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, member.Language, args);
        if (IncomingAudio.From(message) is not { } note) return;

        // Switched off in /settings: nothing is downloaded or sent, so the note cannot be screened for signs
        // of crisis either (the consent text says so); the help lines go with the reply instead.
        if (!member.VoiceAnalysis)
        {
            logger.LogInformation("Voice note not analysed: the member switched voice analysis off");
            var list = await resources.ForAsync(member.OrganisationId, member.Language, ct);
            await replies.SendTextAsync(chatId, SupportResources.Text(list, Msg.VoiceAnalysisDisabled, member.Language), ct);
            return;
        }

        if (note.TooLong)
        {
            await replies.SendTextAsync(chatId, T(Msg.VoiceTooLong, (int)VoiceOptions.MaxDuration.TotalMinutes), ct);
            return;
        }
        if (note.TooLarge)
        {
            await replies.SendTextAsync(chatId, T(Msg.VoiceTooLarge, VoiceOptions.MaxBytes / (1024 * 1024)), ct);
            return;
        }
        if (!options.Value.Enabled || member.DataKey is null)
        {
            logger.LogInformation("Voice note refused: {Reason}", options.Value.Enabled ? "the member has no data key" : "OPENAI_API_KEY is not set");
            await replies.SendTextAsync(chatId, T(Msg.VoiceUnavailable), ct);
            return;
        }
        // Agreed when the terms named another server, or none: nothing goes to this one until they agree to it.
        if (!member.AgreedTo(clause))
        {
            logger.LogInformation("Voice note held: the member has not agreed to the terms naming this AI server");
            await consent.AskAsync(chatId, T(Msg.ConsentIntroVoice), member.Language, member.OrganisationId, ct);
            return;
        }

        Heard? heard = null;
        string? refusal = null;
        var transcript = new Transcript();
        await using (await replies.KeepChatActionAsync(chatId, ChatAction.Typing, ct))
        {
            try
            {
                heard = await _budget.ExecuteAsync(async token => await ListenAsync(member, note, transcript, token), ct);
            }
            catch (TelegramAudio.TooLargeException)
            {
                refusal = T(Msg.VoiceTooLarge, VoiceOptions.MaxBytes / (1024 * 1024));
            }
            catch (Exception ex) when (ex is TimeoutRejectedException or VoiceAiException)
            {
                // Only the kind of failure is logged: the exception text may quote the server, never the note.
                logger.LogWarning("Voice note not handled: {Failure} ({Detail})",
                    ex is VoiceAiException ai ? ai.Failure.ToString() : "Timeout", ex is VoiceAiException ? ex.Message : $"over {options.Value.TimeoutSeconds} s");
                refusal = T(Msg.VoiceUnavailable);
            }
        }
        // Answers go out once "typing…" has stopped, so it does not linger after them.
        if (refusal is not null)
        {
            if (CrisisPhrases.Match(transcript.Text)) await store.RecordCrisisAsync(member, message.MessageId, ct);
            await replies.SendTextAsync(chatId, refusal, ct);
            return;
        }

        if (heard is null)
        {
            await replies.SendTextAsync(chatId, T(Msg.VoiceNoWords), ct);
            return;
        }

        // The crisis is recorded with the note: if anything after this fails, it is carried out all the same.
        var atRisk = heard.Analysis.SelfHarmRisk || CrisisPhrases.Match(heard.Transcript);
        var stored = await store.SaveAsync(member, Guid.CreateVersion7(), message.MessageId, note.DurationSeconds, heard.Transcript, heard.Analysis, atRisk, ct);
        logger.LogInformation("Voice note of {Seconds} s {Outcome}", note.DurationSeconds, stored ? "stored" : "was stored before (redelivery)");
        foreach (var text in ReplyTexts(heard, T)) await replies.SendTextAsync(chatId, text, ct);
    }

    /// <summary>Download, transcribe, analyse. Null when the recording holds no words.</summary>
    private async Task<Heard?> ListenAsync(Member member, IncomingAudio note, Transcript heard, CancellationToken ct)
    {
        var (audio, path) = await telegramAudio.DownloadAsync(note.FileId, ct);
        try
        {
            using var stream = new MemoryStream(audio, writable: false);
            var transcript = await ai.TranscribeAsync(stream, note.UploadName(path), ct);
            if (transcript.Length == 0) return null;
            heard.Text = transcript;
            return new Heard(transcript, await ai.AnalyseAsync(transcript, member.Language, ct));
        }
        finally
        {
            // The audio is never kept: the buffer is wiped as soon as the server has heard it.
            Array.Clear(audio);
        }
    }

    /// <summary>One message when it fits; otherwise the transcript in parts, then the reply.</summary>
    internal static IEnumerable<string> ReplyTexts(string transcript, string reply, Func<string, object[], string> T)
    {
        var whole = T(Msg.VoiceReply, [transcript, reply]);
        if (whole.Length <= MessageLimit)
        {
            yield return whole;
            yield break;
        }
        // Room for the part header ("… (12/13):"), generously.
        var parts = Split(transcript, MessageLimit - 200).ToList();
        for (var i = 0; i < parts.Count; i++) yield return T(Msg.VoiceTranscriptPart, [i + 1, parts.Count, parts[i]]);
        yield return reply;
    }

    private static IEnumerable<string> ReplyTexts(Heard heard, Func<string, object[], string> T) =>
        ReplyTexts(heard.Transcript, heard.Analysis.Reply, T);

    /// <summary>Cuts at the last space before the limit, so words stay whole.</summary>
    internal static IEnumerable<string> Split(string text, int limit)
    {
        var rest = text.AsMemory();
        while (rest.Length > limit)
        {
            var cut = rest.Span[..limit].LastIndexOf(' ');
            if (cut <= 0) cut = limit;
            yield return rest[..cut].ToString().Trim();
            rest = rest[cut..];
        }
        if (rest.Span.Trim().Length > 0) yield return rest.ToString().Trim();
    }
}
