using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging.Bench.Faults;

/// <summary>
/// The faults checker: clients in direct and group conversations send at a steady rate while the fault schedule runs
/// (clients leave and come back, nodes are killed and restarted, Redis and PostgreSQL go away); then every client's
/// view is compared with the server's history (<see cref="HistoryChecker"/>) and the time each fault took to heal is
/// measured. In the spirit of Jepsen's history checkers; see docs/reliability.md.
/// </summary>
public sealed class FaultRun(FaultSettings settings)
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
        try
        {
            await Task.WhenAll(clients.Select(c => c.ConnectAsync()));
            settings.Log($"{clients.Count} clients in {conversations.Count} conversations; sending {settings.Rate}/s for {settings.Duration.TotalSeconds:F0} s under faults...");
            clock.Start();
            runStartedAt = Stopwatch.GetTimestamp();
            var random = new Random(settings.Seed);
            var interval = TimeSpan.FromSeconds(clients.Count / settings.Rate);
            var senders = clients.Select(c => c.SendLoopAsync(interval, settings.Duration, clock, runId, random)).ToList();
            await Task.WhenAll(ClientFaultsAsync(clients, random, cancellationToken), ServerFaultsAsync(clients, cancellationToken));

            // Every send is retried until acknowledged; past the timeout the remaining ones stay unacknowledged.
            await WhenAllOrTimeout(Task.WhenAll(senders), settings.ConvergeTimeout, cancellationToken);
            var sendsDone = clock.Elapsed;
            var history = await HistoryAsync(http, conversations, nodes, cancellationToken);
            var converged = await WaitForConvergenceAsync(history, clients, cancellationToken);
            var convergeTime = converged ? clock.Elapsed - sendsDone : (TimeSpan?)null;
            foreach (var client in clients)
            {
                await client.StopAsync();
            }

            var violations = HistoryChecker.Check(history, sends.All, clients);
            foreach (var fault in faults)
            {
                fault.ConvergedAfter = ConvergedAfter(fault, clients);
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
                convergeTime,
                [.. faults],
                violations);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.StopAsync();
            }
        }
    }

    /// <summary>Every <see cref="FaultSettings.ClientFaultEvery"/> a random client drops its connection, alternately shorter and longer than the presence grace.</summary>
    private async Task ClientFaultsAsync(List<FaultClient> clients, Random random, CancellationToken cancellationToken)
    {
        if (settings.ClientFaultEvery <= TimeSpan.Zero)
        {
            return;
        }

        var running = new List<Task>();
        var away = new HashSet<FaultClient>();
        var n = 0;
        for (var at = settings.ClientFaultEvery; at < settings.Duration - settings.ClientFaultEvery; at += settings.ClientFaultEvery)
        {
            await Task.Delay(Max(TimeSpan.Zero, at - clock.Elapsed), cancellationToken);
            FaultClient client;
            TimeSpan gone;
            lock (away)
            {
                var present = clients.Where(c => !away.Contains(c)).ToList();
                if (present.Count == 0)
                {
                    continue; // All still reconnecting (a node is down): no one left to take away.
                }

                lock (random)
                {
                    client = present[random.Next(present.Count)];
                }

                away.Add(client);
            }

            lock (random)
            {
                gone = n++ % 2 == 0
                    ? settings.PresenceGrace * (0.2 + (0.5 * random.NextDouble()))
                    : settings.PresenceGrace + TimeSpan.FromSeconds(0.5 + (2 * random.NextDouble()));
            }

            running.Add(Task.Run(async () =>
            {
                var started = clock.Elapsed;
                await client.DisconnectAsync();
                await Task.Delay(gone, cancellationToken);
                var back = clock.Elapsed;
                await client.ReconnectAsync();
                Record(new FaultEvent(gone < settings.PresenceGrace ? "client-away-within-grace" : "client-away-past-grace", $"client {client.User.Index}", started, back, [client]));
                lock (away)
                {
                    away.Remove(client);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(running);
    }

    /// <summary>
    /// Node, Redis and PostgreSQL faults, each kind in its own lane (they may overlap, as in life): node faults (kills,
    /// then graceful restarts) spread evenly over the first half of the run, so the node is back for the second; the
    /// last Redis outage and PostgreSQL restart end just before
    /// the last sends, because a live event lost then is not healed by a later message revealing the gap.
    /// </summary>
    private async Task ServerFaultsAsync(List<FaultClient> clients, CancellationToken cancellationToken)
    {
        var nodeFaults = Enumerable.Repeat(true, settings.Kills).Concat(Enumerable.Repeat(false, settings.Restarts)).ToList();
        var lanes = new List<Task>
        {
            LaneAsync(nodeFaults.Count, last: null, async k =>
            {
                var kill = nodeFaults[k];
                return (kill ? "node-sigkill" : "node-restart", await ProcessFaultAsync(k, kill));
            }),
        };
        if (settings.Redis is { } redis)
        {
            lanes.Add(LaneAsync(settings.RedisOutages, last: settings.Duration - settings.Downtime - TimeSpan.FromSeconds(1.5), async _ =>
            {
                await redis.StopAsync();
                await Task.Delay(settings.Downtime, cancellationToken);
                await redis.StartAsync();
                return ("redis-stop-start", $"redis :{redis.Port}");
            }));
        }

        if (settings.Postgres is { } postgres)
        {
            lanes.Add(LaneAsync(settings.PostgresRestarts, last: settings.Duration - settings.Downtime - TimeSpan.FromSeconds(4), async _ =>
            {
                await postgres.StopAsync();
                await Task.Delay(settings.Downtime, cancellationToken);
                await postgres.StartAsync();
                return ("postgres-restart", $"postgres :{postgres.Port}");
            }));
        }

        await Task.WhenAll(lanes);

        async Task LaneAsync(int count, TimeSpan? last, Func<int, Task<(string Kind, string Target)>> act)
        {
            for (var k = 0; k < count; k++)
            {
                // Evenly spread; with a "last" time, the final one starts then and the others before it.
                var at = last is { } end ? end * (k + 1) / count : settings.Duration / 2 * (k + 1) / (count + 1);

                await Task.Delay(Max(TimeSpan.Zero, at - clock.Elapsed), cancellationToken);
                var started = clock.Elapsed;
                var (kind, target) = await act(k);
                Record(new FaultEvent(kind, target, started, clock.Elapsed, clients));
                settings.Log($"{started.TotalSeconds,6:F1} s  {kind} {target}: over after {(clock.Elapsed - started).TotalSeconds:F1} s");
            }
        }
    }

    private async Task<string> ProcessFaultAsync(int k, bool kill)
    {
        var node = settings.Nodes[k % settings.Nodes.Count];
        if (kill)
        {
            await node.KillAsync();
        }
        else
        {
            await node.StopAsync();
        }

        await Task.Delay(settings.Downtime);
        await node.StartAgainAsync();
        return node.Address.ToString();
    }

    private void Record(FaultEvent fault)
    {
        lock (faults)
        {
            faults.Add(fault);
        }
    }

    /// <summary>
    /// How long after the fault was over every affected client held every message acknowledged by then (in its
    /// conversations); null if one never arrived (the checker reports it).
    /// </summary>
    private TimeSpan? ConvergedAfter(FaultEvent fault, List<FaultClient> clients)
    {
        var recoveredAt = runStartedAt + (long)(fault.Recovered.TotalSeconds * Stopwatch.Frequency);
        var acknowledged = sends.All.Where(s => s.AcknowledgedAt is { } at && at <= recoveredAt && s.MessageId is not null).ToList();
        var worst = TimeSpan.Zero;
        foreach (var client in fault.Clients)
        {
            foreach (var conversation in client.Conversations)
            {
                var view = client.View(conversation.Id);
                foreach (var send in acknowledged.Where(s => s.ConversationId == conversation.Id))
                {
                    if (view.HeldSince(send.MessageId!.Value) is not { } held)
                    {
                        return null;
                    }

                    var after = Stopwatch.GetElapsedTime(recoveredAt, held);
                    if (after > worst)
                    {
                        worst = after;
                    }
                }
            }
        }

        return worst;
    }

    private async Task<bool> WaitForConvergenceAsync(Dictionary<Guid, IReadOnlyList<HeldMessage>> history, List<FaultClient> clients, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!HistoryChecker.Converged(history, clients))
        {
            if (waited.Elapsed > settings.ConvergeTimeout)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return true;
    }

    /// <summary>The server's history of each conversation, read by its first participant, oldest first.</summary>
    private static async Task<Dictionary<Guid, IReadOnlyList<HeldMessage>>> HistoryAsync(
        HttpClient http, IReadOnlyList<BenchConversation> conversations, IReadOnlyList<Uri> nodes, CancellationToken cancellationToken)
    {
        var history = new Dictionary<Guid, IReadOnlyList<HeldMessage>>();
        foreach (var conversation in conversations)
        {
            var messages = new List<HeldMessage>();
            var reader = conversation.Participants[0];
            while (true)
            {
                var after = messages.Count > 0 ? messages[^1].Sequence : 0;
                using var request = Scenario.Request(HttpMethod.Get, nodes[0],
                    string.Create(CultureInfo.InvariantCulture, $"/api/v1/messaging/conversations/{conversation.Id}/messages?after_sequence={after}&limit=100"), reader.AccessToken);
                using var response = await http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                messages.AddRange(page.EnumerateArray().Select(m => new HeldMessage(
                    m.GetProperty("id").GetGuid(), m.GetProperty("sequence").GetInt64(), m.GetProperty("sender_id").GetGuid(),
                    m.TryGetProperty("client_message_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null, 0)));
                if (page.GetArrayLength() < 100)
                {
                    break;
                }
            }

            history[conversation.Id] = messages;
        }

        return history;
    }

    private static async Task WhenAllOrTimeout(Task all, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAny(all, Task.Delay(timeout, cancellationToken));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>One fault: what, on what, when it began and when it was over (run time), and who it touched.</summary>
public sealed class FaultEvent
{
    internal FaultEvent(string kind, string target, TimeSpan started, TimeSpan recovered, IReadOnlyList<FaultClient> clients)
    {
        Kind = kind;
        Target = target;
        Started = started;
        Recovered = recovered;
        Clients = clients;
    }

    public string Kind { get; }
    public string Target { get; }
    public TimeSpan Started { get; }
    public TimeSpan Recovered { get; }
    internal IReadOnlyList<FaultClient> Clients { get; }

    /// <summary>Time from <see cref="Recovered"/> until every affected client held every message acknowledged by then.</summary>
    public TimeSpan? ConvergedAfter { get; set; }
}
