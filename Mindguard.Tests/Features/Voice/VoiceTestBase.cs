using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

/// <summary>
/// The voice tests share one app with its fake Telegram and fake AI server (<see cref="VoiceAppFixture"/>);
/// each test starts with the AI server's scripted answers and recorded requests cleared.
/// </summary>
public abstract class VoiceTestBase
{
    protected VoiceTestBase(VoiceAppFixture fixture)
    {
        Fixture = fixture;
        fixture.OpenAi.Reset();
    }

    protected VoiceAppFixture Fixture { get; }
    protected MindguardApp App => Fixture.App;
    protected FakeTelegramServer Telegram => Fixture.Telegram;
    protected FakeOpenAiServer OpenAi => Fixture.OpenAi;
}
