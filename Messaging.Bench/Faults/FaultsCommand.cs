using System.Globalization;

namespace Messaging.Bench.Faults;

/// <summary>
/// <c>--scenario faults</c>: starts the nodes (one on SQLite, or two on a private PostgreSQL cluster and a private
/// Redis), runs <see cref="FaultRun"/>, prints what it saw and exits 1 on any violation.
/// </summary>
public static class FaultsCommand
{
    public static async Task<int> RunAsync(BenchCommandLine options, Action<string> log, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(options, log, cancellationToken);
        log(result.ToString());
        return result.Violations.Count == 0 && result.FinalConvergence is not null ? 0 : 1;
    }

    public static async Task<FaultResult> CheckAsync(BenchCommandLine options, Action<string> log, CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-faults-").FullName;
        var nodes = new List<ServerNode>();
        await using var redis = options.Nodes > 1 ? new PrivateRedis() : null;
        await using var postgres = options.Nodes > 1 ? new PrivatePostgres() : null;
        var grace = TimeSpan.FromSeconds(2);
        try
        {
            if (redis is not null && postgres is not null)
            {
                await redis.StartAsync();
                await postgres.InitializeAsync();
                log($"Private Redis on :{redis.Port}, private PostgreSQL on :{postgres.Port}");
            }

            var dll = options.ServerDll ?? ServerProcess.LocateServerDll();
            var prefix = $"faults-{Guid.NewGuid():N}";
            var signingKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            for (var i = 0; i < options.Nodes; i++)
            {
                var environment = new Dictionary<string, string>
                {
                    // Each node its own data directory, as on separate machines; the database is what they share.
                    ["Messaging__DataDirectory"] = options.Nodes > 1 ? Directory.CreateDirectory(Path.Combine(dataDirectory, $"node{i}")).FullName : dataDirectory,
                    ["Messaging__Database__Provider"] = postgres is null ? "Sqlite" : "Postgres",
                    ["Messaging__Database__MigrateOnStart"] = "true",
                    ["Messaging__Admin__Email"] = options.AdminEmail,
                    ["Messaging__Admin__Password"] = options.AdminPassword,
                    ["Messaging__Realtime__ChannelPrefix"] = prefix,
                    ["Messaging__Presence__OfflineGrace"] = grace.ToString("c", CultureInfo.InvariantCulture),
                };
                if (postgres is not null)
                {
                    environment["ConnectionStrings__Messaging"] = postgres.ConnectionString;
                }

                if (redis is not null)
                {
                    environment["Messaging__Redis"] = redis.Configuration;
                    environment["Messaging__Realtime__EventSigningKey"] = signingKey;
                }

                nodes.Add(await ServerNode.StartAsync(dll, environment));
                log($"Node {i + 1}: {nodes[^1].Address} (log {nodes[^1].LogPath})");
            }

            var run = new FaultRun(new FaultSettings
            {
                Nodes = nodes,
                AdminEmail = options.AdminEmail,
                AdminPassword = options.AdminPassword,
                Users = options.Users,
                Rate = options.Rate,
                Duration = options.Duration,
                ClientFaultEvery = options.ClientFaultEvery,
                PresenceGrace = grace,
                Kills = options.Kills,
                Restarts = options.Restarts,
                RedisOutages = redis is null ? 0 : options.RedisOutages,
                PostgresRestarts = postgres is null ? 0 : options.PostgresRestarts,
                Seed = options.Seed,
                Browsers = options.Browsers,
                Chromium = options.Chromium,
                Redis = redis,
                Postgres = postgres,
                Log = log,
            });
            return await run.RunAsync(cancellationToken);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
