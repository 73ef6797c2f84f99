namespace Mindguard.Infrastructure.Localization;

/// <summary>Keys of <c>catalogue.json</c>; a test checks each one exists in every language.</summary>
public static class Msg
{
    public const string Help = "help";
    public const string UnknownInput = "unknown_input";
    public const string UnknownCommand = "unknown_command";
    public const string SomethingWentWrong = "something_went_wrong";
    public const string Welcome = "welcome";
    public const string ChooseLanguage = "choose_language";
    public const string LanguageSet = "language_set";
    public const string WelcomeBack = "welcome_back";
    public const string Reactivated = "reactivated";
    public const string Joined = "joined";
    public const string JoinedAdmin = "joined_admin";
    public const string AlreadyMember = "already_member";
    public const string JoinUsage = "join_usage";
    public const string InvalidCode = "invalid_code";
    public const string TooManyAttempts = "too_many_attempts";
    public const string NotAMember = "not_a_member";
    public const string SettingsSummary = "settings_summary";
    public const string SettingsLanguage = "settings_language";
    public const string SettingsTimezone = "settings_timezone";
    public const string SettingsTime = "settings_time";
    public const string SettingsDays = "settings_days";
    public const string SettingsCadence = "settings_cadence";
    public const string DaysWeekdays = "days_weekdays";
    public const string DaysAll = "days_all";
    public const string CadenceDaily = "cadence_daily";
    public const string CadenceEvery3days = "cadence_every3days";
    public const string CadenceWeekly = "cadence_weekly";
    public const string NotPaused = "not_paused";
    public const string PausedUntilValue = "paused_until_value";
    public const string ChooseTimezone = "choose_timezone";
    public const string ChooseTime = "choose_time";
    public const string ChooseDays = "choose_days";
    public const string ChooseCadence = "choose_cadence";
    public const string SettingSaved = "setting_saved";
    public const string UnknownTimezone = "unknown_timezone";
    public const string TimeUsage = "time_usage";
    public const string PauseUsage = "pause_usage";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string ApikeyCreated = "apikey_created";
    public const string ApikeyNotAllowed = "apikey_not_allowed";
    public const string AccessEmpty = "access_empty";
    public const string AccessHeader = "access_header";
    public const string AccessLine = "access_line";
    public const string ExportCaption = "export_caption";
    public const string ForgetConfirm = "forget_confirm";
    public const string ForgetYes = "forget_yes";
    public const string ForgetNo = "forget_no";
    public const string Forgotten = "forgotten";
    public const string ForgetCancelled = "forget_cancelled";
    public const string StaleButton = "stale_button";
}
