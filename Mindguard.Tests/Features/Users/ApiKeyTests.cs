using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Infrastructure.Security;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class ApiKeyTests(PeopleApiFixture fixture) : IClassFixture<PeopleApiFixture>
{
    private MindguardApp App => fixture.App;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        if (expected >= HttpStatusCode.BadRequest) response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_admin_cannot_get_a_key_for_anyone_else_by_minting_promoting_or_demoting()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);
        var admin = App.ClientWithKey(org.Admin.ApiKey);

        await JsonAsync(await admin.PostAsJsonAsync("/api/api-keys", new { name = "for them", userId = org.Manager.Id }), HttpStatusCode.Forbidden);
        await JsonAsync(await admin.PostAsJsonAsync("/api/api-keys", new { name = "for them", userId = employee.Id }), HttpStatusCode.Forbidden);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{employee.Id}", new { role = "admin" }), HttpStatusCode.OK);
        await JsonAsync(await admin.PostAsJsonAsync("/api/api-keys", new { name = "promoted", userId = employee.Id }), HttpStatusCode.Forbidden);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{employee.Id}", new { role = "employee" }), HttpStatusCode.OK);
        await JsonAsync(await admin.PostAsJsonAsync("/api/api-keys", new { name = "demoted", userId = employee.Id }), HttpStatusCode.Forbidden);

        // Whatever the admin minted is theirs: it reads the admin's own /api/me data, never the employee's.
        var own = await JsonAsync(await admin.PostAsJsonAsync("/api/api-keys", new { name = "mine", userId = org.Admin.Id }), HttpStatusCode.Created);
        own.GetProperty("userId").GetGuid().ShouldBe(org.Admin.Id);
        var viaNewKey = App.ClientWithKey(own.GetProperty("key").GetString()!);
        (await JsonAsync(await viaNewKey.GetAsync("/api/me"), HttpStatusCode.OK)).GetProperty("id").GetGuid().ShouldBe(org.Admin.Id);
        var theirKeys = await JsonAsync(await admin.GetAsync($"/api/api-keys?userId={employee.Id}"), HttpStatusCode.OK);
        theirKeys.GetProperty("items").GetArrayLength().ShouldBe(1, "only the key the employee made themselves");
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys WHERE user_id IN (@Id, @ManagerId)", new { employee.Id, ManagerId = org.Manager.Id }))
            .ShouldBe(2, "the seeded key each made themselves, nothing more");
    }

    [Fact]
    public async Task The_eleventh_active_key_is_refused_and_revoking_one_makes_room()
    {
        var org = await Org.SeedAsync(App);
        var employee = App.ClientWithKey((await org.EmployeeAsync(App)).ApiKey);
        var ids = new List<Guid>();
        for (var i = 2; i <= ApiKeyStoreLimit; i++)
            ids.Add((await JsonAsync(await employee.PostAsJsonAsync("/api/api-keys", new { name = $"k{i}" }), HttpStatusCode.Created)).GetProperty("id").GetGuid());

        var refused = await JsonAsync(await employee.PostAsJsonAsync("/api/api-keys", new { name = "eleventh" }), HttpStatusCode.Conflict);

        refused.GetProperty("detail").GetString()!.ShouldContain("10 active API keys");
        await JsonAsync(await employee.DeleteAsync($"/api/api-keys/{ids[0]}"), HttpStatusCode.NoContent);
        await JsonAsync(await employee.PostAsJsonAsync("/api/api-keys", new { name = "replacement" }), HttpStatusCode.Created);
    }

    private const int ApiKeyStoreLimit = 10;
}

public sealed class ApiKeyStartUpTests : AppsTestBase
{
    [Fact]
    public async Task A_revoked_bootstrap_key_stays_revoked_and_the_app_still_starts()
    {
        var bootstrap = ApiKeys.Generate().Key;
        var first = await StartAppAsync(s => s["MINDGUARD_BOOTSTRAP_API_KEY"] = bootstrap);
        var client = first.ClientWithKey(bootstrap);
        var keyId = (await client.GetFromJsonAsync<JsonElement>("/api/api-keys")).GetProperty("items")[0].GetProperty("id").GetGuid();
        (await client.DeleteAsync($"/api/api-keys/{keyId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var restarted = await StartAppAsync(s => s["MINDGUARD_BOOTSTRAP_API_KEY"] = bootstrap, first.DatabaseUrl);

        (await restarted.Http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await restarted.ClientWithKey(bootstrap).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Upgrading_revokes_every_key_of_unknown_origin_but_the_bootstrap_key()
    {
        var bootstrap = ApiKeys.Generate().Key;
        var before = await StartAppAsync(s => s["MINDGUARD_BOOTSTRAP_API_KEY"] = bootstrap);
        var org = await Org.SeedAsync(before);
        // The database as it was before M1601: its policies, and the migration not yet recorded.
        await using (var owner = await before.OwnerConnectionAsync())
        {
            await owner.ExecuteAsync("""
                DROP POLICY api_keys_read ON api_keys;
                DROP POLICY api_keys_revoke ON api_keys;
                DROP POLICY api_keys_mint ON api_keys;
                DROP POLICY api_keys_delete ON api_keys;
                CREATE POLICY api_keys_access ON api_keys USING (app_role() = 'system');
                DELETE FROM "VersionInfo" WHERE "Version" = 1601;
                """);
        }

        var upgraded = await StartAppAsync(s => s["MINDGUARD_BOOTSTRAP_API_KEY"] = bootstrap, before.DatabaseUrl);

        (await upgraded.ClientWithKey(org.Manager.ApiKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await upgraded.ClientWithKey(org.Admin.ApiKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await upgraded.ClientWithKey(bootstrap).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
