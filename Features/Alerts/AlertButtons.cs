namespace Mindguard.Features.Alerts;

/// <summary>Callback data of the care contacts' buttons: <c>al:v1:ack:&lt;alert id&gt;</c> and <c>al:v1:res:&lt;alert id&gt;</c>.</summary>
public static class AlertButtons
{
    public static string Acknowledge(Guid alertId) => $"al:v1:ack:{alertId:N}";

    public static string Resolve(Guid alertId) => $"al:v1:res:{alertId:N}";
}
