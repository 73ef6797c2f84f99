namespace Mindguard.Features.Demo;

public sealed class DemoOptions
{
    /// <summary>MINDGUARD_DEMO=1 (or true, or --demo): seed a synthetic organisation so a newcomer sees charts, alerts and aggregates at once.</summary>
    [ConfigurationKeyName("MINDGUARD_DEMO")]
    public string? Value { get; set; }

    public bool Enabled => Value is not null && (Value == "1" || Value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
