using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

public sealed class WallApiFixture : AppFixture
{
    protected override void Configure(Dictionary<string, string?> settings) => WallKit.Configure(settings);
}

/// <summary>The wall over REST. Tests share one app; each seeds its own organisation.</summary>
public sealed class WallApiTests(WallApiFixture fixture) : IClassFixture<WallApiFixture>
{
    private MindguardApp App => fixture.App;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> PostAsync(TestUser author, string text, string category = "other") =>
        (await JsonAsync(await App.ClientWithKey(author.ApiKey).PostAsJsonAsync("/api/wall/posts", new { text, category }), HttpStatusCode.Accepted))
        .GetProperty("deletionToken").GetString()!;

    private static Task<HttpResponseMessage> PostEmptyAsync(HttpClient client, string path) => client.PostAsync(path, null);

    private async Task<Guid> PostIdAsync(WallOrg org, string text)
    {
        var listed = await App.ClientWithKey(org.Admin.ApiKey).GetFromJsonAsync<JsonElement>("/api/wall/moderation?limit=200");
        return listed.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("text").GetString() == text).GetProperty("id").GetGuid();
    }

    private Task<WallOrg> OrgAsync() => WallOrg.SeedAsync(App);

    [Fact]
    public async Task An_integrator_posts_on_a_persons_behalf_with_the_same_anonymity_and_delay()
    {
        var org = await OrgAsync();
        var author = org.Employees[0];

        var created = await JsonAsync(await App.ClientWithKey(author.ApiKey).PostAsJsonAsync("/api/wall/posts",
            new { text = "  Керівник перебиває на кожній нараді  ", category = "management" }), HttpStatusCode.Accepted);

        created.GetProperty("deletionToken").GetString()!.Length.ShouldBe(24);
        created.GetProperty("releaseMinMinutes").GetInt32().ShouldBe(60);
        created.GetProperty("releaseMaxMinutes").GetInt32().ShouldBe(360);
        var reader = App.ClientWithKey(org.Employees[1].ApiKey);
        (await reader.GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").GetArrayLength().ShouldBe(0);
        await using (var owner = await App.OwnerConnectionAsync())
        {
            var row = await owner.QuerySingleAsync<string>("SELECT row_to_json(p)::text FROM wall_posts p WHERE organisation_id = @Id", new { org.Org.Id });
            row.ShouldNotContain(author.Id.ToString());
            row.ShouldNotContain(author.TelegramId.ToString());
            row.ShouldNotContain(author.ApiKey[..12]);
        }

        await App.ReleaseAsync();

        var post = (await reader.GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").EnumerateArray().Single();
        post.GetProperty("text").GetString().ShouldBe("Керівник перебиває на кожній нараді");
        post.GetProperty("category").GetString().ShouldBe("management");
        post.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "category", "createdOn", "text"], ignoreOrder: true);
    }

    [Fact]
    public async Task Members_read_released_posts_newest_first_page_by_page()
    {
        var org = await OrgAsync();
        var texts = new[] { "перший", "другий", "третій", "четвертий", "п'ятий" };
        for (var i = 0; i < texts.Length; i++)
        {
            await PostAsync(org.Employees[i % 3], texts[i]);
            // Separate batches, so the order between them is the order of writing.
            await App.ReleaseAsync();
        }
        var reader = App.ClientWithKey(org.Org.Manager.ApiKey);

        var first = await JsonAsync(await reader.GetAsync("/api/wall/posts?limit=2"), HttpStatusCode.OK);
        var second = await JsonAsync(await reader.GetAsync($"/api/wall/posts?limit=2&cursor={first.GetProperty("nextCursor").GetString()}"), HttpStatusCode.OK);
        var third = await JsonAsync(await reader.GetAsync($"/api/wall/posts?limit=2&cursor={second.GetProperty("nextCursor").GetString()}"), HttpStatusCode.OK);

        string[] Texts(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("text").GetString()!).ToArray();
        Texts(first).Concat(Texts(second)).Concat(Texts(third)).ShouldBe(texts.Reverse());
        third.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Admins_hide_and_restore_posts_and_everyone_else_gets_403()
    {
        var org = await OrgAsync();
        await PostAsync(org.Employees[0], "Хтось має це прибрати");
        await App.ReleaseAsync();
        var id = await PostIdAsync(org, "Хтось має це прибрати");
        var admin = App.ClientWithKey(org.Admin.ApiKey);
        var member = App.ClientWithKey(org.Employees[1].ApiKey);

        foreach (var other in new[] { org.Employees[1], org.Org.Manager })
        {
            var client = App.ClientWithKey(other.ApiKey);
            (await PostEmptyAsync(client, $"/api/wall/posts/{id}/hide")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await PostEmptyAsync(client, $"/api/wall/posts/{id}/restore")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var list = await client.GetAsync("/api/wall/moderation");
            list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            list.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        var hidden = await JsonAsync(await PostEmptyAsync(admin, $"/api/wall/posts/{id}/hide"), HttpStatusCode.OK);
        hidden.GetProperty("state").GetString().ShouldBe("hidden");
        hidden.GetProperty("hiddenBecause").GetString().ShouldBe("admin");
        (await member.GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await admin.GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").GetArrayLength().ShouldBe(0);
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/wall/moderation?hidden=true");
        queue.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(id);

        var restored = await JsonAsync(await PostEmptyAsync(admin, $"/api/wall/posts/{id}/restore"), HttpStatusCode.OK);
        restored.GetProperty("state").GetString().ShouldBe("visible");
        (await member.GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").EnumerateArray().Single()
            .GetProperty("text").GetString().ShouldBe("Хтось має це прибрати");
        (await admin.GetFromJsonAsync<JsonElement>("/api/wall/moderation?hidden=true")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_of_another_organisation_cannot_see_or_moderate_the_posts()
    {
        var org = await OrgAsync();
        var other = await OrgAsync();
        await PostAsync(org.Employees[0], "Лише для своїх");
        await App.ReleaseAsync();
        var id = await PostIdAsync(org, "Лише для своїх");
        var stranger = App.ClientWithKey(other.Admin.ApiKey);

        await JsonAsync(await PostEmptyAsync(stranger, $"/api/wall/posts/{id}/hide"), HttpStatusCode.NotFound);
        await JsonAsync(await PostEmptyAsync(App.ClientWithKey(other.Employees[0].ApiKey), $"/api/wall/posts/{id}/flags"), HttpStatusCode.NotFound);
        (await stranger.GetFromJsonAsync<JsonElement>("/api/wall/moderation")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await stranger.GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").GetArrayLength().ShouldBe(0);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.QuerySingleAsync<(string?, int)>("SELECT hidden, flag_count FROM wall_posts WHERE id = @id", new { id })).ShouldBe((null, 0));
    }

    [Fact]
    public async Task Posts_waiting_for_release_are_not_shown_to_admins_either()
    {
        var org = await OrgAsync();
        await PostAsync(org.Employees[0], "Щойно написав");
        var admin = App.ClientWithKey(org.Admin.ApiKey);

        (await admin.GetFromJsonAsync<JsonElement>("/api/wall/moderation")).GetProperty("items").GetArrayLength().ShouldBe(0);
        await using var owner = await App.OwnerConnectionAsync();
        var id = await owner.QuerySingleAsync<Guid>("SELECT id FROM wall_posts WHERE organisation_id = @Id", new { org.Org.Id });
        await JsonAsync(await PostEmptyAsync(admin, $"/api/wall/posts/{id}/hide"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Flags_over_the_api_count_once_per_member_and_a_restored_post_is_not_hidden_again_by_the_same_flags()
    {
        var org = await OrgAsync();
        await PostAsync(org.Employees[0], "Спірна думка");
        await App.ReleaseAsync();
        var id = await PostIdAsync(org, "Спірна думка");
        var flaggers = new[] { org.Employees[1], org.Employees[2], org.Org.Manager };

        (await JsonAsync(await PostEmptyAsync(App.ClientWithKey(flaggers[0].ApiKey), $"/api/wall/posts/{id}/flags"), HttpStatusCode.OK)).GetProperty("counted").GetBoolean().ShouldBeTrue();
        (await JsonAsync(await PostEmptyAsync(App.ClientWithKey(flaggers[0].ApiKey), $"/api/wall/posts/{id}/flags"), HttpStatusCode.OK)).GetProperty("counted").GetBoolean().ShouldBeFalse();
        foreach (var flagger in flaggers.Skip(1)) await JsonAsync(await PostEmptyAsync(App.ClientWithKey(flagger.ApiKey), $"/api/wall/posts/{id}/flags"), HttpStatusCode.OK);

        var admin = App.ClientWithKey(org.Admin.ApiKey);
        var hidden = (await admin.GetFromJsonAsync<JsonElement>("/api/wall/moderation?hidden=true")).GetProperty("items").EnumerateArray().Single();
        hidden.GetProperty("hiddenBecause").GetString().ShouldBe("flags");
        hidden.GetProperty("flagCount").GetInt32().ShouldBe(3);
        await JsonAsync(await PostEmptyAsync(App.ClientWithKey(org.Employees[0].ApiKey), $"/api/wall/posts/{id}/flags"), HttpStatusCode.NotFound);

        await JsonAsync(await PostEmptyAsync(admin, $"/api/wall/posts/{id}/restore"), HttpStatusCode.OK);
        foreach (var flagger in flaggers)
            (await JsonAsync(await PostEmptyAsync(App.ClientWithKey(flagger.ApiKey), $"/api/wall/posts/{id}/flags"), HttpStatusCode.OK)).GetProperty("counted").GetBoolean().ShouldBeFalse();
        (await App.ClientWithKey(org.Employees[1].ApiKey).GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_author_deletes_with_the_token_and_a_forged_or_reused_token_gets_404()
    {
        var org = await OrgAsync();
        var token = await PostAsync(org.Employees[0], "Видалю потім");
        var colleague = App.ClientWithKey(org.Employees[1].ApiKey);

        await JsonAsync(await colleague.PostAsJsonAsync("/api/wall/deletions", new { token = new string('A', 24) }), HttpStatusCode.NotFound);
        await JsonAsync(await App.ClientWithKey((await OrgAsync()).Employees[0].ApiKey).PostAsJsonAsync("/api/wall/deletions", new { token }), HttpStatusCode.NotFound);
        await JsonAsync(await App.ClientWithKey(org.Employees[0].ApiKey).PostAsJsonAsync("/api/wall/deletions", new { token }), HttpStatusCode.NoContent);
        await JsonAsync(await App.ClientWithKey(org.Employees[0].ApiKey).PostAsJsonAsync("/api/wall/deletions", new { token }), HttpStatusCode.NotFound);

        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_posts WHERE organisation_id = @Id", new { org.Org.Id })).ShouldBe(0);
    }

    [Theory]
    [InlineData("POST", "/api/wall/posts", """{"text":"","category":"other"}""")]
    [InlineData("POST", "/api/wall/posts", """{"text":"   ","category":"other"}""")]
    [InlineData("POST", "/api/wall/posts", """{"text":"Зарплата","category":"salary"}""")]
    [InlineData("POST", "/api/wall/posts", """{"text":"Без теми"}""")]
    [InlineData("POST", "/api/wall/posts", "{\"text\":\"TOO_LONG\",\"category\":\"other\"}")]
    [InlineData("POST", "/api/wall/deletions", """{"token":"not-a-token"}""")]
    [InlineData("POST", "/api/wall/posts/not-a-guid/flags", "")]
    [InlineData("GET", "/api/wall/posts?limit=0", "")]
    [InlineData("GET", "/api/wall/posts?cursor=!!", "")]
    [InlineData("GET", "/api/wall/posts?cursor=YWJj", "")]
    [InlineData("GET", "/api/wall/moderation?cursor=LTU", "")]
    public async Task Bad_input_gets_400_problem_details_and_stores_nothing(string method, string path, string body)
    {
        var org = await OrgAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
            request.Content = new StringContent(body.Replace("TOO_LONG", new string('я', 1001)), System.Text.Encoding.UTF8, "application/json");

        var response = await App.ClientWithKey(org.Admin.ApiKey).SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_posts WHERE organisation_id = @Id", new { org.Org.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_posts_are_404_and_no_key_is_401()
    {
        var org = await OrgAsync();
        var missing = Guid.NewGuid();

        await JsonAsync(await PostEmptyAsync(App.ClientWithKey(org.Admin.ApiKey), $"/api/wall/posts/{missing}/hide"), HttpStatusCode.NotFound);
        await JsonAsync(await PostEmptyAsync(App.ClientWithKey(org.Admin.ApiKey), $"/api/wall/posts/{missing}/restore"), HttpStatusCode.NotFound);
        await JsonAsync(await PostEmptyAsync(App.ClientWithKey(org.Employees[0].ApiKey), $"/api/wall/posts/{missing}/flags"), HttpStatusCode.NotFound);
        (await App.Http.GetAsync("/api/wall/posts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_wall_operation_is_documented_with_its_problem_responses()
    {
        var document = await App.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var (path, verb) in new[]
                 {
                     ("/api/wall/posts", "get"), ("/api/wall/posts", "post"), ("/api/wall/posts/{id}/flags", "post"),
                     ("/api/wall/posts/{id}/hide", "post"), ("/api/wall/posts/{id}/restore", "post"),
                     ("/api/wall/moderation", "get"), ("/api/wall/deletions", "post"),
                 })
        {
            var operation = paths.GetProperty(path).GetProperty(verb);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldContain("401");
        }
        paths.GetProperty("/api/wall/posts/{id}/hide").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .ShouldBe(["200", "400", "401", "403", "404", "409"], ignoreOrder: true);
    }
}
