using System.Collections.Concurrent;
using System.Globalization;
using Messaging.Core.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Core.Presence;

/// <summary>
/// Presence shared by all nodes through Redis keys (prefix <c>{p}</c> = <see cref="RealtimeOptions.ChannelPrefix"/>):
/// <c>{p}:presence:{user}:nodes</c> (hash: node id → claim expiry, renewed by the heartbeat),
/// <c>{p}:presence:{user}:status</c> (<c>online</c>, <c>away|ms</c> or <c>offline|ms</c>) and
/// <c>{p}:presence:{user}:active</c> (last activity, ms). Reads are cached for a few seconds so that rendering a
/// conversation list does not wait on Redis, and fall back to the cache (or offline) during an outage.
/// </summary>
public sealed class RedisPresenceStore(
    IConnectionMultiplexer redis,
    NodeIdentity node,
    TimeProvider time,
    IOptions<RealtimeOptions> realtime,
    IOptions<PresenceOptions> presence,
    ILogger<RedisPresenceStore> logger) : IPresenceStore
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    // Compare-and-set on the status so that exactly one node announces each change.
    private const string TransitionScript = """
        local current = redis.call('GET', KEYS[1])
        local status = 'offline'
        if current then status = string.match(current, '^[a-z]+') end
        if string.find(ARGV[2], '|' .. status .. '|', 1, true) then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    private static readonly TimeSpan StatusLifetime = TimeSpan.FromDays(30);

    private readonly string prefix = realtime.Value.ChannelPrefix;
    private readonly ConcurrentDictionary<Guid, (PresenceSnapshot Snapshot, long ReadAt)> cache = new();

    private TimeSpan ClaimLifetime => presence.Value.Heartbeat * 3;

    public async Task SetHeldAsync(Guid userId, bool held, CancellationToken cancellationToken)
    {
        var db = Db();
        if (held)
        {
            await ClaimAsync(db, userId);
        }
        else
        {
            await db.HashDeleteAsync(Nodes(userId), node.Id);
        }
    }

    public async Task<bool> IsHeldAnywhereAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var claims = await Db().HashValuesAsync(Nodes(userId));
        return claims.Any(c => (long)c > now);
    }

    public async Task HeartbeatAsync(IReadOnlyCollection<Guid> heldUsers, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        var db = Db();
        await Task.WhenAll(heldUsers.Select(u => ClaimAsync(db, u)));
    }

    public async Task<bool> TransitionAsync(Guid userId, PresenceSnapshot to, IReadOnlyCollection<PresenceStatus> from, CancellationToken cancellationToken)
    {
        var allowed = "|" + string.Join('|', from.Select(Name)) + "|";
        var changed = (int)await Db().ScriptEvaluateAsync(
            TransitionScript, [Status(userId)], [Encode(to), allowed, (long)StatusLifetime.TotalMilliseconds]) == 1;
        if (changed)
        {
            cache[userId] = (to, time.GetTimestamp());
        }

        return changed;
    }

    public Task TouchAsync(Guid userId, DateTime at, CancellationToken cancellationToken) =>
        Db().StringSetAsync(Active(userId), new DateTimeOffset(at).ToUnixTimeMilliseconds(), StatusLifetime);

    public async Task<DateTime?> LastActivityAsync(Guid userId, CancellationToken cancellationToken)
    {
        var value = await Db().StringGetAsync(Active(userId));
        return value.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds((long)value).UtcDateTime : null;
    }

    public PresenceSnapshot Read(Guid userId)
    {
        if (cache.TryGetValue(userId, out var cached) && time.GetElapsedTime(cached.ReadAt) < CacheFor)
        {
            return cached.Snapshot;
        }

        if (!redis.IsConnected)
        {
            return cached.Snapshot ?? PresenceSnapshot.Offline;
        }

        try
        {
            var snapshot = Decode(Db().StringGet(Status(userId)));
            cache[userId] = (snapshot, time.GetTimestamp());
            return snapshot;
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not read presence of {UserId}.", userId);
            return cached.Snapshot ?? PresenceSnapshot.Offline;
        }
    }

    /// <summary>Fails at once while disconnected, rather than queueing for seconds: presence must never hold up a connection.</summary>
    private IDatabase Db() => redis.IsConnected
        ? redis.GetDatabase()
        : throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");

    private async Task ClaimAsync(IDatabase db, Guid userId)
    {
        var until = (time.GetUtcNow() + ClaimLifetime).ToUnixTimeMilliseconds();
        await db.HashSetAsync(Nodes(userId), node.Id, until);
        await db.KeyExpireAsync(Nodes(userId), ClaimLifetime);
    }

    private static string Name(PresenceStatus status) => status.ToString().ToLowerInvariant();

    private static string Encode(PresenceSnapshot snapshot) => snapshot.LastSeenAt is { } seen
        ? $"{Name(snapshot.Status)}|{new DateTimeOffset(seen).ToUnixTimeMilliseconds()}"
        : Name(snapshot.Status);

    private static PresenceSnapshot Decode(RedisValue value)
    {
        if (!value.HasValue)
        {
            return PresenceSnapshot.Offline;
        }

        var parts = value.ToString().Split('|');
        var status = Enum.Parse<PresenceStatus>(parts[0], ignoreCase: true);
        DateTime? seen = parts.Length > 1
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture)).UtcDateTime
            : null;
        return new PresenceSnapshot(status, seen);
    }

    private RedisKey Nodes(Guid userId) => $"{prefix}:presence:{userId:N}:nodes";

    private RedisKey Status(Guid userId) => $"{prefix}:presence:{userId:N}:status";

    private RedisKey Active(Guid userId) => $"{prefix}:presence:{userId:N}:active";
}
