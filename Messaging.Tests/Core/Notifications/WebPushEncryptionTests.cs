using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Notifications.Push;
using Microsoft.AspNetCore.WebUtilities;

namespace Messaging.Tests.Core.Notifications;

public sealed class WebPushEncryptionTests
{
    // RFC 8291 Appendix A: published test data.
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string ServerPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string ServerPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string UserAgentPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private const string UserAgentPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string Expected =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    [Fact]
    public void Encrypt_Rfc8291AppendixA_MatchesThePublishedMessage()
    {
        using var server = ECDiffieHellman.Create(WebPushEncryption.PrivateParameters(D(ServerPrivate), D(ServerPublic)));

        var body = WebPushEncryption.Encrypt(Encoding.UTF8.GetBytes(Plaintext), D(UserAgentPublic), D(AuthSecret), server, D(Salt));

        Assert.Equal(Expected, WebEncoders.Base64UrlEncode(body));
    }

    [Fact]
    public void Decrypt_Rfc8291AppendixA_GivesThePlaintext()
    {
        using var userAgent = ECDiffieHellman.Create(WebPushEncryption.PrivateParameters(D(UserAgentPrivate), D(UserAgentPublic)));

        var plain = WebPushEncryption.Decrypt(D(Expected), userAgent, D(AuthSecret));

        Assert.Equal(Plaintext, Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void Encrypt_FreshKeys_RoundTripsAsABrowserWouldDecrypt()
    {
        using var userAgent = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        var payload = Encoding.UTF8.GetBytes("{\"title\":\"مرحبا\",\"body\":\"hello\"}");

        var first = WebPushEncryption.Encrypt(payload, WebPushEncryption.PublicKeyBytes(userAgent), auth);
        var second = WebPushEncryption.Encrypt(payload, WebPushEncryption.PublicKeyBytes(userAgent), auth);

        Assert.Equal(payload, WebPushEncryption.Decrypt(first, userAgent, auth));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Decrypt_TamperedBody_Throws()
    {
        using var userAgent = ECDiffieHellman.Create(WebPushEncryption.PrivateParameters(D(UserAgentPrivate), D(UserAgentPublic)));
        var body = D(Expected);
        body[^1] ^= 0x40;

        Assert.ThrowsAny<CryptographicException>(() => WebPushEncryption.Decrypt(body, userAgent, D(AuthSecret)));
    }

    private static byte[] D(string base64Url) => WebEncoders.Base64UrlDecode(base64Url);
}
