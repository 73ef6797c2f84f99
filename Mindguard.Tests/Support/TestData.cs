using Mindguard.Features.Users.Consent;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Support;

public sealed record TestUser(Guid Id, Guid OrganisationId, Guid? TeamId, long TelegramId, string Role, string ApiKey);

/// <summary>
/// Seeds people directly as the owner role, each with unique ids so tests never collide. They have agreed
/// to the current consent text, as everyone who joins through the bot has, voice notes going to the AI
/// server of any test app that has one (the fake, always on 127.0.0.1); consent tests make their own.
/// </summary>
public static class TestData
{
    private static long _telegramIds = 7_000_000_000 + Random.Shared.Next(0, 1_000_000) * 1000L;

    /// <summary>The clause variants seeded people agreed to: voice notes going to the fake AI server.</summary>
    public const string AgreedClauses = """{"voice":"ai:127.0.0.1"}""";

    public static long NewTelegramId() => Interlocked.Increment(ref _telegramIds);

    public static async Task<Guid> OrganisationAsync(NpgsqlConnection owner, string? name = null)
    {
        var id = Guid.CreateVersion7();
        await owner.ExecuteAsync("INSERT INTO organisations (id, name) VALUES (@id, @name)", new { id, name = name ?? $"Org {id:N}" });
        return id;
    }

    public static async Task<Guid> TeamAsync(NpgsqlConnection owner, Guid organisationId, string? name = null)
    {
        var id = Guid.CreateVersion7();
        await owner.ExecuteAsync("INSERT INTO teams (id, organisation_id, name) VALUES (@id, @organisationId, @name)",
            new { id, organisationId, name = name ?? $"Team {id:N}" });
        return id;
    }

    public static async Task<TestUser> UserAsync(NpgsqlConnection owner, Guid organisationId, Guid? teamId = null, string role = "employee", string language = "uk")
    {
        var id = Guid.CreateVersion7();
        var telegramId = NewTelegramId();
        await owner.ExecuteAsync("""
            INSERT INTO users (id, organisation_id, team_id, telegram_id, role, language, consent_version, consent_clauses, consented_at)
            VALUES (@id, @organisationId, @teamId, @telegramId, @role, @language, @consentVersion, @consentClauses::jsonb, now())
            """, new { id, organisationId, teamId, telegramId, role, language, consentVersion = ConsentText.Version, consentClauses = AgreedClauses });
        var key = ApiKeys.Generate();
        await owner.ExecuteAsync("""
            INSERT INTO api_keys (id, user_id, name, key_hash, display_prefix)
            VALUES (@keyId, @id, 'test', @hash, @prefix)
            """, new { keyId = Guid.CreateVersion7(), id, hash = key.Hash, prefix = key.DisplayPrefix });
        return new TestUser(id, organisationId, teamId, telegramId, role, key.Key);
    }
}

public static class PersonSettings
{
    /// <summary>Sets what the person would choose in /settings, straight in the database.</summary>
    public static async Task SetTimeZoneAsync(this MindguardApp app, TestUser person, string timeZone, string? cadence = null)
    {
        await using var owner = await app.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE users SET time_zone = @timeZone, cadence = coalesce(@cadence, cadence) WHERE id = @Id",
            new { person.Id, timeZone, cadence });
    }
}
