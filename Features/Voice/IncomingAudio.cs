using Telegram.Bot.Types;

namespace Mindguard.Features.Voice;

/// <summary>A voice note or an audio file as Telegram describes it, before anything is downloaded.</summary>
public sealed record IncomingAudio(string FileId, int DurationSeconds, long? FileSize, string? FileName, string? MimeType)
{
    public static IncomingAudio? From(Message message) => message switch
    {
        { Voice: { } voice } => new(voice.FileId, voice.Duration, voice.FileSize, null, voice.MimeType),
        { Audio: { } audio } => new(audio.FileId, audio.Duration, audio.FileSize, audio.FileName, audio.MimeType),
        _ => null,
    };

    public bool TooLong => DurationSeconds > VoiceOptions.MaxDuration.TotalSeconds;

    public bool TooLarge => FileSize > VoiceOptions.MaxBytes;

    /// <summary>
    /// The name the speech server sees. Whisper-style servers tell the format by the extension, so it comes
    /// from the file's own name, else Telegram's file path, else the MIME type; voice notes are Ogg/Opus.
    /// </summary>
    public string UploadName(string? telegramPath)
    {
        var extension = Path.GetExtension(FileName ?? "") is { Length: > 1 } own ? own
            : Path.GetExtension(telegramPath ?? "") is { Length: > 1 } path ? path
            : MimeType switch
            {
                "audio/mpeg" => ".mp3",
                "audio/mp4" or "audio/x-m4a" or "audio/m4a" => ".m4a",
                "audio/wav" or "audio/x-wav" => ".wav",
                "audio/webm" => ".webm",
                "audio/flac" => ".flac",
                _ => ".ogg",
            };
        return "note" + extension.ToLowerInvariant();
    }
}
