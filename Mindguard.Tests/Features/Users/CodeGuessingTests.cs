using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Features.Users.Onboarding;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class CodeGuessingFixture : AppFixture;

public sealed class CodeGuessingTests(CodeGuessingFixture fixture) : IClassFixture<CodeGuessingFixture>
{
    private MindguardApp App => fixture.App;
    private FakeTelegramServer Telegram => fixture.Telegram;

    private async Task<string> InviteAsync()
    {
        var org = await Org.SeedAsync(App);
        var response = await App.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/invites", new { teamId = org.TeamId, maxUses = 5 });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!.Replace("-", "");
    }

    private async Task<string> JoinAsync(long person, string code)
    {
        var before = Telegram.MessagesTo(person).Count;
        await App.PostUpdateAsync(TelegramUpdates.Text(person, $"/join {code}"));
        return (await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == person && c.Method == "sendMessage", before + 1))[before].Text!;
    }

    private static string WrongCodeWithPrefix(string code, int n) =>
        code[..InviteCodes.PrefixLength] + (code[InviteCodes.PrefixLength..] == $"{n:D8}" ? $"{n + 1:D8}" : $"{n:D8}");

    [Fact]
    public async Task After_a_handful_of_wrong_codes_the_person_must_wait_and_even_a_correct_code_is_refused()
    {
        var code = await InviteAsync();
        var guesser = TestData.NewTelegramId();

        for (var i = 0; i < CodeAttemptLimiter.FailuresPerPerson; i++)
        {
            (await JoinAsync(guesser, $"ZZZZ{i:D8}")).ShouldBe(Catalogue.Instance.Get(Msg.InvalidCode, "uk"));
        }
        var blocked = await JoinAsync(guesser, code);

        blocked.ShouldStartWith("Забагато спроб");
        blocked.ShouldContain("15 хв");
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE telegram_id = @guesser", new { guesser })).ShouldBe(0);
        // The right code from someone else leads to the consent screen, the step before joining.
        (await JoinAsync(TestData.NewTelegramId(), code)).ShouldStartWith("Перш ніж приєднатися до команди");
    }

    [Fact]
    public async Task Many_people_guessing_one_prefix_lock_that_prefix_for_everyone()
    {
        var code = await InviteAsync();

        for (var i = 0; i < CodeAttemptLimiter.FailuresPerPrefix; i++)
        {
            (await JoinAsync(TestData.NewTelegramId(), WrongCodeWithPrefix(code, i))).ShouldBe(Catalogue.Instance.Get(Msg.InvalidCode, "uk"));
        }

        (await JoinAsync(TestData.NewTelegramId(), code)).ShouldStartWith("Забагато спроб");
    }

    [Fact]
    public async Task Malformed_codes_count_as_attempts()
    {
        var guesser = TestData.NewTelegramId();

        for (var i = 0; i < CodeAttemptLimiter.FailuresPerPerson; i++) await JoinAsync(guesser, "x" + i);

        (await JoinAsync(guesser, "anything")).ShouldStartWith("Забагато спроб");
    }
}
