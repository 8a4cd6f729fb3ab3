using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Hosting;

namespace Messaging.Tests.Web.Hosting;

/// <summary>
/// The Data Protection key ring at rest: with <c>Messaging:DataProtection:CertificatePath</c> its keys are encrypted with
/// the certificate (before, the master keys lay in clear XML beside the data); without, a start-up warning. In Redis its
/// key carries the installation's prefix.
/// </summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> cleanup = [];
    private string folder = "";

    public Task InitializeAsync()
    {
        folder = Directory.CreateTempSubdirectory("messaging-keyring-").FullName;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WithCertificate_KeysOnDiskAreEncrypted_AndTheAppStillReadsThem()
    {
        var data = Path.Combine(folder, "data");
        using var logs = new CapturedLogs();
        await using (var host = await StartAsync(data, CertificateSettings(), logs: logs))
        {
            await UseTheKeyRingAsync(host);
        }

        var keys = KeyFiles(data);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(logs.Records, r => r.Contains("key ring is stored unencrypted", StringComparison.Ordinal));

        // A restarted node with the same certificate reads the encrypted ring (tokens of the first node still work).
        await using var again = await StartAsync(data, CertificateSettings());
        await UseTheKeyRingAsync(again);
    }

    [Fact]
    public async Task WithoutCertificate_KeysAreInClear_AndStartUpWarns()
    {
        var data = Path.Combine(folder, "plain");
        using var logs = new CapturedLogs();
        await using (var host = await StartAsync(data, new Dictionary<string, string?>(), logs: logs))
        {
            await UseTheKeyRingAsync(host);
        }

        Assert.All(KeyFiles(data), xml => Assert.Contains("<masterKey", xml, StringComparison.Ordinal));
        Assert.Contains(logs.Records, r => r.Contains("key ring is stored unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InRedis_TheKeyCarriesTheInstallationsPrefix_AndIsEncrypted()
    {
        var prefix = $"test-{Guid.NewGuid():N}";
        var settings = CertificateSettings();
        settings["Messaging:Realtime:ChannelPrefix"] = prefix;
        await using (var host = await StartAsync(Path.Combine(folder, "redis"), settings, TestServices.RedisConfiguration))
        {
            await UseTheKeyRingAsync(host);
        }

        await using var redis = await TestServices.ConnectRedisAsync();
        var db = redis.GetDatabase();
        var key = OperationsSetup.KeyRingRedisKey(prefix);
        Assert.Equal($"{prefix}:dataprotection-keys", key);
        var entries = await db.ListRangeAsync(key);
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.DoesNotContain("<masterKey", e.ToString(), StringComparison.Ordinal));
        await db.KeyDeleteAsync(key);
    }

    public async Task DisposeAsync()
    {
        foreach (var item in cleanup)
        {
            await item.DisposeAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private static string[] KeyFiles(string data)
    {
        var files = Directory.GetFiles(Path.Combine(data, "keys"), "*.xml");
        Assert.NotEmpty(files);
        return files.Select(File.ReadAllText).ToArray();
    }

    /// <summary>A sign-in makes the ring create (and then read back) a key; /users/me reads the token with it.</summary>
    private static async Task UseTheKeyRingAsync(MessagingHost host)
    {
        using var api = host.CreateApi();
        var admin = await api.LoginAdminAsync();
        await api.GetAsync("/api/v1/users/me", admin);
    }

    private Dictionary<string, string?> CertificateSettings()
    {
        var path = Path.Combine(folder, "keyring.pfx");
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Messaging key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        return new Dictionary<string, string?>
        {
            ["Messaging:DataProtection:CertificatePath"] = path,
            ["Messaging:DataProtection:CertificatePassword"] = "pfx-password",
        };
    }

    private async Task<MessagingHost> StartAsync(string data, Dictionary<string, string?> settings, string? redis = null, CapturedLogs? logs = null)
    {
        Directory.CreateDirectory(data);
        var database = await SqliteDatabase.CreateAsync();
        cleanup.Add(database);
        return MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, data, redis, settings, logs is null ? null : logs.Register);
    }
}
