namespace Mindguard.Infrastructure.Localization;

/// <summary>Keys of <c>catalogue.json</c>; a test checks each one exists in every language.</summary>
public static class Msg
{
    public const string Help = "help";
    public const string UnknownInput = "unknown_input";
    public const string UnknownCommand = "unknown_command";
    public const string SomethingWentWrong = "something_went_wrong";
}
