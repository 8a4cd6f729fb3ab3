namespace Messaging.Bench;

/// <summary>What one benchmark run does; the command line fills it (see <see cref="BenchCommandLine"/>).</summary>
public sealed record ScenarioSettings
{
    /// <summary>Base addresses of the nodes; user i connects to and sends through node i mod count.</summary>
    public required IReadOnlyList<Uri> Nodes { get; init; }

    public required string AdminEmail { get; init; }

    public required string AdminPassword { get; init; }

    public int Users { get; init; } = 200;

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

    public Action<string> Log { get; init; } = _ => { };
}
