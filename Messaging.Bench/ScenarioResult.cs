namespace Messaging.Bench;

/// <summary>What a run measured. Deliveries count each <c>new_message</c> at each participant's connection (sender's included).</summary>
public sealed record ScenarioResult(
    int MessagesSent,
    int SendErrors,
    TimeSpan SendDuration,
    long ExpectedDeliveries,
    long Deliveries,
    long Lost,
    long Duplicates,
    LatencySummary Latency,
    LatencySummary SendLatency)
{
    public double DeliveriesPerSecond => SendDuration.TotalSeconds > 0 ? Deliveries / SendDuration.TotalSeconds : 0;

    public double MessagesPerSecond => SendDuration.TotalSeconds > 0 ? MessagesSent / SendDuration.TotalSeconds : 0;

    /// <summary>Delivery latency per interval of the load (<see cref="ScenarioSettings.Interval"/>), by send start.</summary>
    public IReadOnlyList<IntervalLatency> PerInterval { get; init; } = [];

    /// <summary>The idle scenario sends nothing.</summary>
    public static ScenarioResult Empty { get; } = new(0, 0, TimeSpan.Zero, 0, 0, 0, 0, LatencySummary.Of([]), LatencySummary.Of([]));
}

/// <summary>Latency of the deliveries whose send started in interval <c>Index</c> (0 = the first).</summary>
public sealed record IntervalLatency(int Index, LatencySummary Latency);

public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencySummary(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }

    public override string ToString() => $"p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms (n={Count})";
}
