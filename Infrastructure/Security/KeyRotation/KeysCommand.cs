using System.Globalization;
using System.Runtime.InteropServices;

namespace Mindguard.Infrastructure.Security.KeyRotation;

/// <summary>
/// <c>dotnet Mindguard.dll keys rotate [--batch-size N]</c>: the same app and settings, run once as an
/// operator's command instead of a server. Exit codes: 0 when every value is under the newest key, 1 for a
/// configuration or usage error (one line, as at start-up), 2 when values are left (run again) or the run
/// stopped. Prints key ids and counts, never key material.
/// </summary>
public static class KeysCommand
{
    private const string Usage = "Usage: keys rotate [--batch-size N]  (re-wraps every stored value under the first key of MINDGUARD_ENCRYPTION_KEYS)";
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    public static bool IsInvoked(string[] args) => args is ["keys", ..];

    /// <remarks>
    /// A configuration error (keys, DATABASE_URL) surfaces as the exception resolving the rotator throws,
    /// so Program reports it exactly as it reports one at start-up.
    /// </remarks>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (!TryParse(args, out var options))
        {
            Console.Error.WriteLine(Usage);
            return 1;
        }

        var rotator = services.GetRequiredService<KeyRotator>();
        var ring = services.GetRequiredService<MasterKeyRing>();
        using var stop = new CancellationTokenSource();
        // Ctrl+C, or the platform ending a one-off run: the batch in flight rolls back, the rest stays done.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var older = ring.KeyIds.Where(id => id != ring.CurrentKeyId).ToList();
        Console.WriteLine($"Re-wrapping under master key {ring.CurrentKeyId}; older keys configured: {(older.Count == 0 ? "none" : string.Join(", ", older))}.");
        var lastShown = DateTimeOffset.MinValue;
        try
        {
            var report = await rotator.RunAsync(options, progress =>
            {
                if (DateTimeOffset.UtcNow - lastShown < ProgressEvery && progress.Rewrapped < progress.ToRewrap) return;
                lastShown = DateTimeOffset.UtcNow;
                Console.WriteLine($"{progress.Kind}: {progress.Rewrapped} of {progress.ToRewrap} re-wrapped");
            }, stop.Token);

            foreach (var kind in report.Kinds)
            {
                var unreadable = kind.Unreadable > 0 ? $", {kind.Unreadable} failed to open" : "";
                Console.WriteLine($"{kind.Kind}: {kind.Rewrapped} re-wrapped, {kind.AlreadyCurrent} already under key {report.CurrentKeyId}{unreadable}");
            }
            Console.WriteLine(Summary(report, older));
            return report.LeftCount == 0 ? 0 : 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Key rotation interrupted; what was re-wrapped stays re-wrapped. Run `keys rotate` again to finish.");
            return 2;
        }
        catch (NpgsqlException error)
        {
            Console.Error.WriteLine($"Key rotation stopped, PostgreSQL failed: {error.Message.ReplaceLineEndings(" ")} What was re-wrapped stays re-wrapped; run `keys rotate` again.");
            return 2;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static string Summary(RotationReport report, IReadOnlyList<byte> older)
    {
        var done = $"Summary: {report.Rewrapped} values re-wrapped under key {report.CurrentKeyId}; ";
        if (report.LeftCount > 0)
            return done + $"left: {KeyCensus.Describe(report.Left)}. Keep those keys and run `keys rotate` again " +
                   "(a value under a key that is not configured needs that key put back first).";
        return older.Count == 0
            ? done + "left: none."
            : done + $"left: none. Key {string.Join(", ", older)} can now be removed from {EncryptionKeyParser.VariableName}.";
    }

    private static bool TryParse(string[] args, out RotationBatching options)
    {
        options = new RotationBatching();
        if (args is not ["keys", "rotate", .. var rest]) return false;
        if (rest.Length == 0) return true;
        if (rest is ["--batch-size", var text] && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 10_000)
        {
            options = new RotationBatching { BatchSize = size };
            return true;
        }
        return false;
    }
}
