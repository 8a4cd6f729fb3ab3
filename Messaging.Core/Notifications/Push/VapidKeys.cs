using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Messaging.Core.Common;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications.Push;

/// <summary>
/// The application server's VAPID key pair (RFC 8292): from configuration, or generated once and kept in
/// <c>{DataDirectory}/vapid.json</c>, so browsers' subscriptions stay valid across restarts and nodes sharing the folder.
/// </summary>
public sealed class VapidKeys
{
    private readonly Lazy<(string Public, string Private)> keys;
    private readonly IOptions<NotificationOptions> options;

    public VapidKeys(IOptions<NotificationOptions> options, IOptions<MessagingOptions> messaging)
    {
        this.options = options;
        keys = new Lazy<(string, string)>(() => Load(options.Value.Push, messaging.Value.FullDataDirectory));
    }

    public string PublicKey => keys.Value.Public;

    /// <summary>The <c>Authorization</c> header value for a push to <paramref name="endpoint"/>: <c>vapid t=JWT, k=key</c>.</summary>
    public string Authorization(Uri endpoint, DateTimeOffset now)
    {
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        var subject = options.Value.Push.Subject is { Length: > 0 } configured ? configured
            : options.Value.PublicUrl is { Length: > 0 } url ? url
            : "mailto:postmaster@localhost";
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["typ"] = "JWT", ["alg"] = "ES256" }));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["exp"] = now.AddHours(12).ToUnixTimeSeconds(),
            ["sub"] = subject,
        }));
        var signingInput = Encoding.ASCII.GetBytes($"{header}.{claims}");
        using var key = ECDsa.Create(WebPushEncryption.PrivateParameters(
            WebEncoders.Base64UrlDecode(keys.Value.Private), WebEncoders.Base64UrlDecode(keys.Value.Public)));
        // JWS ES256 wants r || s (64 bytes), not DER.
        var signature = key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"vapid t={header}.{claims}.{Base64Url(signature)}, k={keys.Value.Public}";
    }

    private static string Base64Url(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    private static (string, string) Load(PushOptions push, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(push.VapidPublicKey) && !string.IsNullOrWhiteSpace(push.VapidPrivateKey))
        {
            return (push.VapidPublicKey, push.VapidPrivateKey);
        }

        var path = Path.Combine(dataDirectory, "vapid.json");
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(dataDirectory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(true);
        var generated = new StoredKeys(
            Base64Url([4, .. parameters.Q.X!, .. parameters.Q.Y!]),
            Base64Url(parameters.D!));
        try
        {
            // CreateNew: when two nodes start together, one writes and the other reads what it wrote.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            JsonSerializer.Serialize(file, generated);
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(path);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (generated.PublicKey, generated.PrivateKey);
    }

    private static (string, string) Read(string path)
    {
        var stored = JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} is empty.");
        return (stored.PublicKey, stored.PrivateKey);
    }

    private sealed record StoredKeys(string PublicKey, string PrivateKey);
}
