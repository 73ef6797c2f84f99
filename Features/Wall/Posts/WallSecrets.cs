using System.Security.Cryptography;
using System.Text;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Posts;

/// <summary>
/// Keyed hashes that stand in for a person wherever the wall must recognise someone without knowing
/// who: the daily counter, the draft and each flag. Without the secret (derived from the master key,
/// never stored) a Redis dump or a database copy cannot be tied back to anyone.
/// </summary>
public sealed class WallSecrets(MasterKeyRing ring)
{
    private readonly byte[] _secret = ring.DeriveSecret("wall");

    public string LimitKey(Guid userId) => Convert.ToHexStringLower(Mac("limit:" + userId.ToString("D")));

    public string DraftKey(long telegramId) => Convert.ToHexStringLower(Mac("draft:" + telegramId));

    /// <summary>Per post as well as per person, so one person's flags on two posts cannot be linked.</summary>
    public byte[] Flagger(Guid postId, Guid userId) => Mac("flag:" + postId.ToString("D") + ":" + userId.ToString("D"));

    private byte[] Mac(string value) => HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(value));
}
