namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// The last thing we learned about reaching Telegram, shown in <c>/health/ready</c> details.
/// Telegram being down does not make a replica unready: the API and jobs still work.
/// </summary>
public sealed class TelegramStatus(TimeProvider time)
{
    private volatile string _state = "not contacted yet";
    private DateTimeOffset? _at;

    public string State => _state;
    public DateTimeOffset? At => _at;

    public void Reachable()
    {
        _state = "reachable";
        _at = time.GetUtcNow();
    }

    // Only the exception type: messages from HTTP clients can carry URLs, and the bot token is in them.
    public void Failed(Exception error)
    {
        _state = $"unreachable ({error.GetType().Name})";
        _at = time.GetUtcNow();
    }
}
