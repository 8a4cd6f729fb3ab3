using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using StackExchange.Redis;

namespace Messaging.Tests.Web.Realtime;

/// <summary>
/// Events on Redis are signed with a key from configuration: whoever can publish on Redis cannot make a node deliver a
/// message nobody sent. Real Redis; the forger publishes on the node's own channel.
/// </summary>
public sealed class SignedEventsTests : IAsyncLifetime
{
    private const string SigningKey = "test-event-signing-key-shared-by-all-test-nodes";
    private readonly string prefix = $"test-{Guid.NewGuid():N}";
    private SqliteDatabase? database;
    private MessagingHost? host;

    public async Task InitializeAsync()
    {
        database = await SqliteDatabase.CreateAsync();
        host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory, TestServices.RedisConfiguration, new Dictionary<string, string?>
        {
            ["Messaging:Realtime:ChannelPrefix"] = prefix,
            ["Messaging:Realtime:EventSigningKey"] = SigningKey,
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ForgedOrUnsignedEventOnRedis_IsDropped_SignedOneIsDelivered()
    {
        using var api = host!.CreateApi();
        var alice = await api.CreateVerifiedUserAsync("Alice");
        var bob = await api.CreateVerifiedUserAsync("Bob");
        var group = await api.CreateGroupAsync(alice, "Signed", bob);
        await using var bobHub = await HubClient.ConnectAsync(host, bob);

        // Capture a genuine payload the node publishes, as anyone subscribed to Redis could.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.RedisConfiguration);
        var channel = RedisChannel.Literal($"{prefix}:events");
        var captured = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(channel, (_, value) =>
        {
            var bytes = (byte[])value!;
            if (Encoding.UTF8.GetString(bytes).Contains("genuine-text", StringComparison.Ordinal))
            {
                captured.TrySetResult(bytes);
            }
        });
        await api.SendMessageAsync(alice, group, "genuine-text");
        var payload = await captured.Task.WaitAsync(HubClient.Patience);

        // Signature (32) | origin (the node's id, 32 hex characters) | JSON body. A forger claims another origin.
        var body = Encoding.UTF8.GetString(payload.AsSpan(64));
        var forgedOrigin = new string('f', 32);
        var publisher = redis.GetSubscriber();
        // The format before signing: origin | body.
        await publisher.PublishAsync(channel, Encoding.UTF8.GetBytes(forgedOrigin + body.Replace("genuine-text", "unsigned-forgery", StringComparison.Ordinal)));
        // Signed, but with a key the forger guessed.
        await publisher.PublishAsync(channel, Sign("a-key-the-forger-made-up-of-32-characters", forgedOrigin + body.Replace("genuine-text", "wrong-key-forgery", StringComparison.Ordinal)));
        // A genuine signature with the body altered afterwards.
        var altered = Sign(SigningKey, forgedOrigin + body);
        var alteredText = Encoding.UTF8.GetString(altered.AsSpan(32)).Replace("genuine-text", "altered-forgery", StringComparison.Ordinal);
        byte[] tampered = [.. altered.AsSpan(0, 32), .. Encoding.UTF8.GetBytes(alteredText)];
        await publisher.PublishAsync(channel, tampered);
        // Control: signed with the configured key (as another node would), so the node's queue has reached it.
        await publisher.PublishAsync(channel, Sign(SigningKey, forgedOrigin + body.Replace("genuine-text", "signed-control", StringComparison.Ordinal)));

        await bobHub.WaitForAsync("new_message", p => p.GetProperty("message").Str("content") == "signed-control");
        var contents = bobHub.Events.Where(e => e.Name == "new_message").Select(e => e.Payload.GetProperty("message").Str("content")).ToArray();
        Assert.DoesNotContain("unsigned-forgery", contents);
        Assert.DoesNotContain("wrong-key-forgery", contents);
        Assert.DoesNotContain("altered-forgery", contents);
    }

    [Fact]
    public async Task RedisWithoutSigningKey_OutsideDevelopment_FailsToStartWithAClearError()
    {
        await using var other = await SqliteDatabase.CreateAsync();

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var node = MessagingHost.Start(DatabaseProvider.Sqlite, other.ConnectionString, other.DataDirectory, TestServices.RedisConfiguration, new Dictionary<string, string?>
            {
                ["Messaging:Realtime:ChannelPrefix"] = $"test-{Guid.NewGuid():N}",
                ["Messaging:Realtime:EventSigningKey"] = "",
            });
        });

        Assert.Contains("Messaging:Realtime:EventSigningKey is required", error.ToString(), StringComparison.Ordinal);
    }

    private static byte[] Sign(string key, string originAndBody)
    {
        var signed = Encoding.UTF8.GetBytes(originAndBody);
        return [.. HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), signed), .. signed];
    }
}
