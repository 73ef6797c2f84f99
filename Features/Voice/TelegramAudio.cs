using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Mindguard.Features.Voice;

/// <summary>
/// Fetches a file from the configured Bot API server straight into memory. The audio never touches a
/// disk or the database, and a file that turns out bigger than the limit is cut off, not buffered.
/// </summary>
public sealed class TelegramAudio(ITelegramBotClient bot)
{
    public sealed class TooLargeException() : Exception("The file is larger than the voice limit");

    public async Task<(byte[] Audio, string? Path)> DownloadAsync(string fileId, CancellationToken ct)
    {
        TGFile file;
        try
        {
            file = await bot.GetFile(fileId, ct);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("too big", StringComparison.OrdinalIgnoreCase))
        {
            throw new TooLargeException();
        }
        // Telegram leaves out the path of a file it will not hand to bots (over 20 MB).
        if (file.FileSize > VoiceOptions.MaxBytes || file.FilePath is null) throw new TooLargeException();
        await using var buffer = new CappedStream(VoiceOptions.MaxBytes);
        try
        {
            await bot.DownloadFile(file.FilePath, buffer, ct);
        }
        catch (Exception ex) when (ex is not TooLargeException && ex.InnerException is TooLargeException)
        {
            // The client wraps what the destination stream throws; the cause is what matters here.
            throw new TooLargeException();
        }
        return (buffer.ToArray(), file.FilePath);
    }

    private sealed class CappedStream(long cap) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Guard(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Guard(count);
            base.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            Guard(count);
            return base.WriteAsync(buffer, offset, count, ct);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Guard(buffer.Length);
            return base.WriteAsync(buffer, ct);
        }

        private void Guard(int count)
        {
            if (Length + count > cap) throw new TooLargeException();
        }
    }
}
