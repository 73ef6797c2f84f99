using System.Text.Json;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.DataRights;

/// <summary>Everything Mindguard keeps about a person, decrypted, as one JSON document (bot /export and the API).</summary>
public sealed class PersonalDataExport(NpgsqlDataSource db, IEnumerable<IPersonalDataSection> sections, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<Dictionary<string, object?>> BuildAsync(Member member, CancellationToken ct)
    {
        var document = new Dictionary<string, object?> { ["exportedAt"] = time.GetUtcNow() };
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        foreach (var section in sections) document[section.Name] = await section.ReadAsync(session, member, ct);
        return document;
    }

    public async Task<byte[]> BuildJsonAsync(Member member, CancellationToken ct) =>
        JsonSerializer.SerializeToUtf8Bytes(await BuildAsync(member, ct), Json);
}
