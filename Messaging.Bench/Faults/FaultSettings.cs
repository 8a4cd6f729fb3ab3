namespace Messaging.Bench.Faults;

/// <summary>What one run of the faults checker does (<c>--scenario faults</c>, see docs/reliability.md).</summary>
public sealed record FaultSettings
{
    /// <summary>The nodes under test, started (and killed, and restarted) by the checker.</summary>
    public required IReadOnlyList<ServerNode> Nodes { get; init; }

    public required string AdminEmail { get; init; }

    public required string AdminPassword { get; init; }

    /// <summary>Clients, one per user, in direct pairs and groups of up to ten (<see cref="ScenarioShape.Mixed"/>).</summary>
    public int Users { get; init; } = 12;

    /// <summary>Messages per second over all clients; each client sends one at a time at its share of this rate.</summary>
    public double Rate { get; init; } = 12;

    /// <summary>How long clients send and the fault schedule runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A random client disconnects this often (0 = never); half come back within the presence grace, half after it.</summary>
    public TimeSpan ClientFaultEvery { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The server's <c>Messaging:Presence:OfflineGrace</c> (the checker sets it on the nodes it starts).</summary>
    public TimeSpan PresenceGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>SIGKILLs of a node (round robin over the nodes), each followed by a restart on the same data.</summary>
    public int Kills { get; init; } = 2;

    /// <summary>Graceful restarts (SIGTERM, then start) of a node.</summary>
    public int Restarts { get; init; }

    /// <summary>Stops and starts of the private Redis (two-node runs).</summary>
    public int RedisOutages { get; init; }

    /// <summary>Restarts of the private PostgreSQL cluster.</summary>
    public int PostgresRestarts { get; init; }

    /// <summary>How long a killed node, a stopped Redis or PostgreSQL stays down.</summary>
    public TimeSpan Downtime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After the last send, how long every client may take to hold the whole history before the check.</summary>
    public TimeSpan ConvergeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int Seed { get; init; } = 16;

    /// <summary>Blazor circuits: headless Chromium tabs, each with one conversation open, checked like the clients.</summary>
    public int Browsers { get; init; }

    /// <summary>The Chromium the tabs run in.</summary>
    public string Chromium { get; init; } = "/usr/bin/chromium";

    public PrivateRedis? Redis { get; init; }

    public PrivatePostgres? Postgres { get; init; }

    public Action<string> Log { get; init; } = _ => { };
}
