using System.Text.RegularExpressions;

namespace Mindguard.Infrastructure.Configuration;

/// <summary>
/// Turns a configuration mistake found at start-up into the one line an operator needs (which variable,
/// what is wrong) instead of an unhandled exception with a stack trace. Validators already name the
/// variable in their messages; this only finds that message wherever the host wrapped it.
/// </summary>
public static partial class ConfigurationErrors
{
    /// <summary>The line to print, or null when <paramref name="error"/> is not a configuration mistake.</summary>
    public static string? Describe(Exception error)
    {
        foreach (var e in Flatten(error))
        {
            switch (e)
            {
                case OptionsValidationException invalid:
                    return Line(string.Join("; ", invalid.Failures));
                // The configuration binder's message quotes the value, which may be a secret: keep only
                // the key and the type it should have been.
                case InvalidOperationException binder when BinderFailure().Match(binder.Message) is { Success: true } m:
                    return Line($"{m.Groups["key"].Value} must be a valid {m.Groups["type"].Value.Replace("System.", "")}");
            }
        }
        return null;
    }

    private static string Line(string message) =>
        "Configuration error: " + message.ReplaceLineEndings(" ").Trim();

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner)
                pending.Push(inner);
        }
    }

    [GeneratedRegex("^Failed to convert configuration value .* at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
