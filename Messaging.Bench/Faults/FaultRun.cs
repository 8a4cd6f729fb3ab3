using System.Diagnostics;

namespace Messaging.Bench.Faults;

/// <summary>
/// The faults checker: clients in direct and group conversations send at a steady rate while the fault schedule runs
/// (clients leave and come back, nodes are killed and restarted, Redis and PostgreSQL go away); then every client's
/// view is compared with the server's history (<see cref="HistoryChecker"/>) and the time each fault took to heal is
/// measured. In the spirit of Jepsen's history checkers; see docs/reliability.md.
/// </summary>
public sealed partial class FaultRun(FaultSettings settings)
{
    private readonly SendLog sends = new();
    private readonly List<FaultEvent> faults = [];
    private readonly Stopwatch clock = new();
    private readonly string runId = Guid.NewGuid().ToString("N")[..8];
    private long runStartedAt;

    public async Task<FaultResult> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
        var nodes = settings.Nodes.Select(n => n.Address).ToList();
        await using var cast = new Scenario(new ScenarioSettings
        {
            Nodes = nodes,
            AdminEmail = settings.AdminEmail,
            AdminPassword = settings.AdminPassword,
            Users = settings.Users,
            Shape = ScenarioShape.Mixed,
            Log = settings.Log,
        });
        settings.Log($"Creating {settings.Users} users and their conversations...");
        var (users, conversations) = await cast.CreateCastAsync(cancellationToken);
        var clients = users
            .Select(u => new FaultClient(u, conversations.Where(c => c.Participants.Contains(u)).ToList(), nodes, http, sends, settings.Log))
            .ToList();
        await using var tabs = new BrowserTabs(settings.Chromium);
        var browsers = new List<BrowserClient>();
        try
        {
            await Task.WhenAll(clients.Select(c => c.ConnectAsync()));
            browsers.AddRange(await tabs.OpenAsync(settings.Browsers, conversations, nodes, settings.Log));
            settings.Log($"{clients.Count} clients and {browsers.Count} browser tabs in {conversations.Count} conversations; sending {settings.Rate}/s for {settings.Duration.TotalSeconds:F0} s under faults...");
            clock.Start();
            runStartedAt = Stopwatch.GetTimestamp();
            var random = new Random(settings.Seed);
            var interval = TimeSpan.FromSeconds(clients.Count / settings.Rate);
            var senders = clients.Select(c => c.SendLoopAsync(interval, settings.Duration, clock, runId, random)).ToList();
            await Task.WhenAll(ClientFaultsAsync([.. clients, .. browsers], random, cancellationToken), ServerFaultsAsync(clients, browsers, cancellationToken));

            // Every send is retried until acknowledged; past the timeout the remaining ones stay unacknowledged.
            await WhenAllOrTimeout(Task.WhenAll(senders), settings.ConvergeTimeout, cancellationToken);
            var sendsDone = clock.Elapsed;
            var history = await HistoryAsync(http, conversations, nodes, cancellationToken);
            var converged = await WaitForConvergenceAsync(history, clients, browsers, cancellationToken);
            var convergeTime = converged ? clock.Elapsed - sendsDone : (TimeSpan?)null;
            await StopAllAsync(clients, browsers);

            var violations = HistoryChecker.Check(history, sends.All, clients);
            foreach (var browser in browsers)
            {
                violations.AddRange(HistoryChecker.CheckBrowser(history.GetValueOrDefault(browser.Conversation.Id, []), browser.View, browser.User.Index));
            }

            foreach (var fault in faults)
            {
                fault.ConvergedAfter = fault.Clients.Count > 0 ? ConvergedAfter(fault) : null;
                fault.BrowsersConvergedAfter = BrowsersConvergedAfter(fault);
            }

            var all = sends.All;
            return new FaultResult(
                all.Count,
                all.Count(s => s.AcknowledgedAt is not null),
                all.Sum(s => Math.Max(0, s.Attempts - 1)),
                history.Values.Sum(h => h.Count),
                clients.Sum(c => c.Reconnects),
                clients.Sum(c => c.Gaps),
                clients.Sum(c => c.CatchUpPages),
                browsers.Count,
                browsers.Sum(b => b.Loads),
                browsers.Sum(b => b.Rescues),
                convergeTime,
                [.. faults],
                violations);
        }
        finally
        {
            await StopAllAsync(clients, browsers);
        }
    }

    private static async Task StopAllAsync(List<FaultClient> clients, List<BrowserClient> browsers)
    {
        foreach (var client in clients)
        {
            await client.StopAsync();
        }

        foreach (var browser in browsers)
        {
            await browser.StopAsync();
        }
    }

    private void Record(FaultEvent fault)
    {
        lock (faults)
        {
            faults.Add(fault);
        }
    }

    private async Task<bool> WaitForConvergenceAsync(
        Dictionary<Guid, IReadOnlyList<HeldMessage>> history, List<FaultClient> clients, List<BrowserClient> browsers, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!HistoryChecker.Converged(history, clients) || !browsers.All(b => b.View.Converged(history.GetValueOrDefault(b.Conversation.Id, []))))
        {
            if (waited.Elapsed > settings.ConvergeTimeout)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return true;
    }

    private static async Task WhenAllOrTimeout(Task all, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAny(all, Task.Delay(timeout, cancellationToken));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
