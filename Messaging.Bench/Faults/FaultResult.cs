using System.Globalization;
using System.Text;

namespace Messaging.Bench.Faults;

/// <summary>What a faults run saw: sends, faults with their time to converge, and every violation found.</summary>
public sealed record FaultResult(
    int Sends,
    int Acknowledged,
    int Retries,
    int StoredMessages,
    int Reconnects,
    int GapsDetected,
    int CatchUpPages,
    int Browsers,
    int BrowserLoads,
    int BrowserRescues,
    TimeSpan? FinalConvergence,
    IReadOnlyList<FaultEvent> Faults,
    IReadOnlyList<Violation> Violations)
{
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Sends:                {Sends}, acknowledged {Acknowledged}, retries {Retries}; stored messages {StoredMessages} (system messages included)");
        text.AppendLine(culture, $"Clients:              {Reconnects} reconnects after a lost connection, {GapsDetected} gaps detected, {CatchUpPages} catch-up pages");
        text.AppendLine(culture, $"Browser tabs:         {Browsers} (Blazor circuits), {BrowserLoads} page loads (first ones included), {BrowserRescues} opened again by the checker (the page did not come back by itself)");
        text.AppendLine(culture, $"Converged after the last send: {(FinalConvergence is { } f ? $"{f.TotalSeconds:F2} s" : "NO")}");
        text.AppendLine("Faults (time to converge: until every affected client held every message acknowledged before the fault was over):");
        foreach (var fault in Faults.OrderBy(f => f.Started))
        {
            text.AppendLine(culture, $"  {fault.Started.TotalSeconds,6:F1} s  {fault.Kind,-26} {fault.Target,-28} over after {(fault.Recovered - fault.Started).TotalSeconds,5:F1} s{(fault.Clients.Count == 0 ? "" : $", converged {Seconds(fault.ConvergedAfter)} later")}{(fault.BrowsersConvergedAfter is null ? "" : $", tabs {Seconds(fault.BrowsersConvergedAfter)}")}");
        }

        foreach (var kind in Faults.GroupBy(f => f.Kind).OrderBy(g => g.Key))
        {
            var times = kind.Where(f => f.ConvergedAfter is not null).Select(f => f.ConvergedAfter!.Value.TotalSeconds).Order().ToList();
            if (times.Count > 0)
            {
                text.AppendLine(culture, $"  {kind.Key}: {kind.Count()} faults, converged in median {times[times.Count / 2]:F2} s, max {times[^1]:F2} s");
            }

            var tabs = kind.Where(f => f.BrowsersConvergedAfter is { } t && t >= TimeSpan.Zero).Select(f => f.BrowsersConvergedAfter!.Value.TotalSeconds).Order().ToList();
            if (tabs.Count > 0)
            {
                text.AppendLine(culture, $"  {kind.Key}: tabs showed the newest message in median {tabs[tabs.Count / 2]:F2} s, max {tabs[^1]:F2} s");
            }
        }

        text.AppendLine(culture, $"Violations:           {Violations.Count}");
        foreach (var violation in Violations.Take(50))
        {
            text.AppendLine(culture, $"  {violation}");
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan? time) => time switch
    {
        null => "never",
        { } t when t == Timeout.InfiniteTimeSpan => "never",
        { } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F2} s"),
    };
}
