using System.Net.Http.Json;

namespace Mindguard.Bench.Broadcast;

/// <summary>
/// What the original system did: one message after another with a fixed sleep in between, and
/// whatever Telegram answers is not looked at, so a 429 loses that message.
/// </summary>
public static class NaiveSender
{
    public static async Task SendAllAsync(Uri telegram, string token, IEnumerable<long> chats, string text, TimeSpan sleep)
    {
        using var http = new HttpClient();
        // Not a relative URI: the colon in a bot token would read as a scheme.
        var sendMessage = $"{telegram.ToString().TrimEnd('/')}/bot{token}/sendMessage";
        foreach (var chat in chats)
        {
            using var _ = await http.PostAsJsonAsync(sendMessage, new { chat_id = chat, text });
            await Task.Delay(sleep);
        }
    }
}
