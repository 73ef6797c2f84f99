namespace Mindguard.Tests.Support;

/// <summary>The deployment's default organisation (as bootstrap creates it), whose admins operate /jobs when no operator key is set.</summary>
public static class DefaultOrganisation
{
    public static async Task<Guid> EnsureAsync(NpgsqlConnection owner)
    {
        await owner.ExecuteAsync("""
            INSERT INTO organisations (id, name, is_default) VALUES (@id, 'Default', true)
            ON CONFLICT (is_default) WHERE is_default DO NOTHING
            """, new { id = Guid.CreateVersion7() });
        return await owner.ExecuteScalarAsync<Guid>("SELECT id FROM organisations WHERE is_default");
    }
}
