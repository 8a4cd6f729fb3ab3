using System.Globalization;
using System.Text;

namespace Messaging.Bench;

/// <summary>Server-side cost during the run, summed over the child nodes.</summary>
public sealed record ServerUsage(double CpuSeconds, long RssBeforeClients, long RssWithClients, long RssAtEnd);

/// <summary>The human-readable result printed at the end of a run.</summary>
public sealed record BenchReport(BenchCommandLine Options, ScenarioResult Result, ServerUsage? Server)
{
    public string ToString(IFormatProvider culture)
    {
        var r = Result;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Scenario: {Options.Users} users, offered {Options.Rate}/s, {(Options.Url is null ? $"{Options.Nodes} node(s) on {Options.Provider}" : Options.Url.ToString())}");
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

        return text.ToString();
    }

    public override string ToString() => ToString(CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F0} MiB");
}
