using System.Text;
using Mindguard.Features.Wall.Bot;
using Mindguard.Features.Wall.Posts;

namespace Mindguard.Tests.Features.Wall;

public sealed class WallCallbackTests
{
    private static readonly string Token = DeletionTokens.New().Token;
    private static readonly string Draft = WallDrafts.NewId();

    public static TheoryData<string> EveryButton()
    {
        var data = new TheoryData<string>
        {
            WallCallback.WriteData, WallCallback.ReadData(), WallCallback.ReadData(long.MaxValue),
            WallCallback.PublishData(Draft), WallCallback.CancelData(Draft),
            WallCallback.DeleteData(Token), WallCallback.ConfirmDeleteData(Token), WallCallback.KeepData(Token),
            WallCallback.FlagData(Guid.NewGuid()),
        };
        foreach (var category in WallCategories.All) data.Add(WallCallback.CategoryData(Draft, category));
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryButton))]
    public void Every_button_the_bot_makes_is_versioned_fits_telegrams_64_bytes_and_parses_back(string data)
    {
        data.ShouldStartWith("wall:v1:");
        Encoding.UTF8.GetByteCount(data).ShouldBeLessThanOrEqualTo(64);
        WallCallback.Parse(data).ShouldNotBeNull();
    }

    [Fact]
    public void Parsing_keeps_what_the_button_carried()
    {
        var post = Guid.NewGuid();

        WallCallback.Parse(WallCallback.FlagData(post)).ShouldBe(new WallCallback.Flag(post));
        WallCallback.Parse(WallCallback.ReadData(42)).ShouldBe(new WallCallback.Read(42));
        WallCallback.Parse(WallCallback.CategoryData(Draft, "wellbeing")).ShouldBe(new WallCallback.Category(Draft, "wellbeing"));
        WallCallback.Parse(WallCallback.ConfirmDeleteData(Token)).ShouldBe(new WallCallback.ConfirmDelete(Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wall")]
    [InlineData("wall:v1:")]
    [InlineData("WALL:v1:write")]
    [InlineData("wall:v1:read:99999999999999999999")]
    [InlineData("wall:v1:read: 5")]
    [InlineData("wall:v1:cat:AAAAAAAAAAA:Workload")]
    [InlineData("wall:v1:cat:AAAAAAAA/AA:other")]
    [InlineData("wall:v1:del:AAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("wall:v1:del:AAAAAAAAAAAAAAAAAAAAAAAA:more")]
    [InlineData("wall:v1:flag:{0193a5b0-0000-7000-8000-000000000001}")]
    [InlineData("wall:v1:write:::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::")]
    public void Anything_else_is_no_button_at_all(string? data)
    {
        WallCallback.Parse(data).ShouldBeNull();
    }

    [Fact]
    public void Deletion_tokens_carry_144_random_bits_and_only_their_hash_is_kept()
    {
        var a = DeletionTokens.New();
        var b = DeletionTokens.New();

        a.Token.Length.ShouldBe(24);
        a.Token.ShouldNotBe(b.Token);
        DeletionTokens.TryDecode(a.Token, out var raw).ShouldBeTrue();
        raw.Length.ShouldBe(18);
        a.Hash.ShouldBe(System.Security.Cryptography.SHA256.HashData(raw));
        DeletionTokens.TryDecode(a.Token[..23], out _).ShouldBeFalse();
        DeletionTokens.TryDecode(a.Token[..23] + "+", out _).ShouldBeFalse();
    }
}
