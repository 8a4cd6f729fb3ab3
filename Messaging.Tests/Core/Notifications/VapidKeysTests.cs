using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Messaging.Core.Common;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Push;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Messaging.Tests.Core.Notifications;

/// <summary>
/// The VAPID key pair (RFC 8292): generated once and kept in the data directory unless configured, so browsers'
/// subscriptions (made against the public key) survive a restart; and the JWT a push service checks is really signed by it.
/// </summary>
public sealed class VapidKeysTests : IDisposable
{
    // RFC 8291 Appendix A's application server key pair: any valid P-256 pair does as a configured one.
    private const string ConfiguredPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string ConfiguredPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("messaging-vapid-").FullName;

    [Fact]
    public void NotConfigured_GeneratedOnceAndKept_SameKeyAfterARestart()
    {
        var first = Keys(dataDirectory).PublicKey;
        var afterRestart = Keys(dataDirectory).PublicKey;
        var elsewhere = Keys(Path.Combine(dataDirectory, "other-node")).PublicKey;

        Assert.Equal(first, afterRestart);
        Assert.NotEqual(first, elsewhere);
        Assert.Equal(65, WebEncoders.Base64UrlDecode(first).Length);
        var file = Path.Combine(dataDirectory, "vapid.json");
        Assert.Contains(first, File.ReadAllText(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void Configured_UsedAsGiven_NothingWritten()
    {
        var keys = Keys(dataDirectory, new PushOptions { VapidPublicKey = ConfiguredPublic, VapidPrivateKey = ConfiguredPrivate });

        Assert.Equal(ConfiguredPublic, keys.PublicKey);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "vapid.json")));
    }

    [Fact]
    public void Authorization_Es256JwtForThePushServiceOrigin_VerifiesWithThePublicKey()
    {
        var keys = Keys(dataDirectory, new PushOptions { Subject = "mailto:ops@example.com" });
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        var header = keys.Authorization(new Uri("https://fcm.googleapis.com/fcm/send/abc:def"), now);

        var match = System.Text.RegularExpressions.Regex.Match(header, "^vapid t=([^.]+)\\.([^.]+)\\.([^,]+), k=(.+)$");
        Assert.True(match.Success, header);
        Assert.Equal(keys.PublicKey, match.Groups[4].Value);
        var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(match.Groups[2].Value)).RootElement;
        Assert.Equal("https://fcm.googleapis.com", claims.GetProperty("aud").GetString());
        Assert.Equal("mailto:ops@example.com", claims.GetProperty("sub").GetString());
        // RFC 8292 section 2: no more than 24 hours ahead.
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.InRange(expires, now, now.AddHours(24));
        var algorithm = JsonDocument.Parse(WebEncoders.Base64UrlDecode(match.Groups[1].Value)).RootElement.GetProperty("alg").GetString();
        Assert.Equal("ES256", algorithm);
        var point = WebEncoders.Base64UrlDecode(keys.PublicKey);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        Assert.True(verifier.VerifyData(
            Encoding.ASCII.GetBytes($"{match.Groups[1].Value}.{match.Groups[2].Value}"),
            WebEncoders.Base64UrlDecode(match.Groups[3].Value),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    private static VapidKeys Keys(string dataDirectory, PushOptions? push = null) =>
        new(Options.Create(new NotificationOptions { Push = push ?? new PushOptions() }), Options.Create(new MessagingOptions { DataDirectory = dataDirectory }));
}
