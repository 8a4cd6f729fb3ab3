using System.Globalization;
using System.Text;

namespace Messaging.Bench;

/// <summary>Server-side cost during the run, summed over the child nodes.</summary>
public sealed record ServerUsage(double CpuSeconds, long RssBeforeClients, long RssWithClients, long RssAtEnd);

/// <summary>The human-readable result printed at the end of a run.</summary>
public sealed record BenchReport(BenchCommandLine Options, ScenarioResult Result, ServerUsage? Server)
{
    public IdleMemory? Idle { get; init; }

    public IReadOnlyList<MemorySample> Memory { get; init; } = [];

    public string LoadAverageStart { get; init; } = "n/a";

    public string LoadAverageEnd { get; init; } = "n/a";

    public string ToString(IFormatProvider culture)
    {
        var r = Result;
        var text = new StringBuilder();
        var where = Options.Url is null ? $"{Options.Nodes} node(s) on {Options.Provider}, {Options.Gc} GC, group commit {(Options.GroupCommit is false ? "off" : "on")}" : Options.Url.ToString();
        text.AppendLine(culture, $"Load average:         {LoadAverageStart} at start, {LoadAverageEnd} at end");
        if (Idle is { } idle)
        {
            text.AppendLine(culture, $"Scenario: idle, {Options.Users} connected clients, {where}");
            text.AppendLine(culture, $"Managed heap (after full GC): {Mb(idle.HeapBefore)} before clients, {Mb(idle.HeapConnected)} with them: {idle.HeapPerConnection / 1024.0:F1} KiB per connection");
            text.AppendLine(culture, $"Server RSS:           {Mb(idle.RssBefore)} before clients, {Mb(idle.RssConnected)} with them: {idle.RssPerConnection / 1024.0:F1} KiB per connection");
            if (idle.Circuits > 0)
            {
                text.AppendLine(culture, $"Signed-in circuits:   {idle.WarmCircuits} to warm up (headless Chromium), after full GC: heap {Mb(idle.HeapWarm)} = {idle.HeapPerWarmCircuit / 1024.0:F1} KiB each, one-time costs included");
                text.AppendLine(culture, $"                      {idle.Circuits - idle.WarmCircuits} more, after full GC: heap {Mb(idle.HeapCircuits)} = {idle.HeapPerCircuit / 1024.0:F1} KiB per circuit, RSS {Mb(idle.RssCircuits)} = {idle.RssPerCircuit / 1024.0:F1} KiB per circuit");
            }

            return text.ToString();
        }

        text.AppendLine(culture, $"Scenario: {Options.Scenario}, {Options.Users} users, offered {Options.Rate}/s, {where}");
        text.AppendLine(culture, $"Messages sent:        {r.MessagesSent} in {r.SendDuration.TotalSeconds:F1} s ({r.MessagesPerSecond:F0}/s), send errors {r.SendErrors}");
        text.AppendLine(culture, $"Deliveries:           {r.Deliveries} of {r.ExpectedDeliveries} ({r.DeliveriesPerSecond:F0}/s)");
        text.AppendLine(culture, $"Lost / duplicated:    {r.Lost} / {r.Duplicates}");
        text.AppendLine(culture, $"Delivery latency:     {r.Latency}");
        text.AppendLine(culture, $"HTTP send latency:    {r.SendLatency}");
        if (Server is { } s)
        {
            var perThousand = r.Deliveries > 0 ? s.CpuSeconds / (r.Deliveries / 1000.0) : 0;
            text.AppendLine(culture, $"Server CPU:           {s.CpuSeconds:F1} s, {perThousand:F3} s per 1,000 deliveries");
            text.AppendLine(culture, $"Server RSS:           {Mb(s.RssBeforeClients)} before clients, {Mb(s.RssWithClients)} with {Options.Users} clients "
                + $"({(s.RssWithClients - s.RssBeforeClients) / 1024.0 / Math.Max(1, Options.Users):F0} KiB per client), {Mb(s.RssAtEnd)} at end");
        }

        if (Options.Soak || r.PerInterval.Count > 1)
        {
            text.AppendLine(culture, $"Per {Options.Interval.TotalSeconds:F0} s of load (latency by send start; memory sampled without forcing a GC):");
            text.AppendLine("  interval  deliveries     p50 ms     p99 ms     max ms   RSS MiB  heap MiB");
            foreach (var interval in r.PerInterval)
            {
                var sample = Memory.LastOrDefault(m => m.ElapsedSeconds <= (interval.Index + 1) * Options.Interval.TotalSeconds);
                text.AppendLine(culture, $"  {interval.Index + 1,8}  {interval.Latency.Count,10}  {interval.Latency.P50,9:F1}  {interval.Latency.P99,9:F1}  {interval.Latency.Max,9:F1}  {(sample is null ? "-" : Mb(sample.RssBytes)),8}  {(sample?.HeapBytes is { } heap ? Mb(heap) : "-"),8}");
            }

            if (r.PerInterval.Count > 1 && Memory.Count > 1)
            {
                var first = r.PerInterval[0].Latency;
                var last = r.PerInterval[^1].Latency;
                text.AppendLine(culture, $"Drift, first to last interval: p99 {first.P99:F1} -> {last.P99:F1} ms; RSS {Mb(Memory[0].RssBytes)} -> {Mb(Memory[^1].RssBytes)}");
            }
        }

        return text.ToString();
    }

    public override string ToString() => ToString(CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F0} MiB");
}
