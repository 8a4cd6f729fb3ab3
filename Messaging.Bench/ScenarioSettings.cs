namespace Messaging.Bench;

/// <summary>What one benchmark run does; the command line fills it (see <see cref="BenchCommandLine"/>).</summary>
public sealed record ScenarioSettings
{
    /// <summary>Base addresses of the nodes; user i connects to and sends through node i mod count.</summary>
    public required IReadOnlyList<Uri> Nodes { get; init; }

    public required string AdminEmail { get; init; }

    public required string AdminPassword { get; init; }

    public int Users { get; init; } = 200;

    /// <summary>Which conversations the users form (see <see cref="ScenarioShape"/>).</summary>
    public ScenarioShape Shape { get; init; } = ScenarioShape.Mixed;

    /// <summary>Offered load in messages per second (open loop: sends start on schedule, whatever the server's pace).</summary>
    public double Rate { get; init; } = 1000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop after this many messages even if <see cref="Duration"/> has not elapsed (CI's tiny scenario).</summary>
    public int? MaxMessages { get; init; }

    /// <summary>
    /// Messages sent (and not measured) before the load, so that JIT, tiered compilation and EF Core's query cache are
    /// warm: a fresh process spends seconds of CPU compiling the send path.
    /// </summary>
    public int Warmup { get; init; } = 300;

    /// <summary>How long to wait for stragglers after the last send before counting the missing as lost.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Latency is also reported per interval of the load (by send start), so a soak shows drift.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    public Action<string> Log { get; init; } = _ => { };
}

/// <summary>The conversations of a run.</summary>
public enum ScenarioShape
{
    /// <summary>Direct pairs (0-1, 2-3, ...) and groups of ten (0-9, 10-19, ...): 100 + 20 for 200 users.</summary>
    Mixed,

    /// <summary>Direct pairs only, like an XMPP peer-to-peer bench.</summary>
    Direct,

    /// <summary>Groups of ten only (one group of everyone when there are fewer than ten users).</summary>
    Group,

    /// <summary>No conversations and no messages: connected clients doing nothing (memory per connection).</summary>
    Idle,
}
