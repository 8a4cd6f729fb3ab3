namespace Messaging.Bench.Faults;

/// <summary>The fault schedule: clients and tabs going away, nodes killed or restarted, Redis and PostgreSQL stopped.</summary>
public sealed partial class FaultRun
{
    /// <summary>
    /// Every <see cref="FaultSettings.ClientFaultEvery"/> a random client drops its connection (or a tab leaves its
    /// page), alternately for shorter and longer than the presence grace.
    /// </summary>
    private async Task ClientFaultsAsync(List<IFaultTarget> clients, Random random, CancellationToken cancellationToken)
    {
        if (settings.ClientFaultEvery <= TimeSpan.Zero)
        {
            return;
        }

        var running = new List<Task>();
        var away = new HashSet<IFaultTarget>();
        var n = 0;
        for (var at = settings.ClientFaultEvery; at < settings.Duration - settings.ClientFaultEvery; at += settings.ClientFaultEvery)
        {
            await Task.Delay(Max(TimeSpan.Zero, at - clock.Elapsed), cancellationToken);
            IFaultTarget client;
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
                var kind = (client is BrowserClient ? "browser" : "client") + (gone < settings.PresenceGrace ? "-away-within-grace" : "-away-past-grace");
                Record(client is BrowserClient tab
                    ? new FaultEvent(kind, client.Name, started, back, [], [tab])
                    : new FaultEvent(kind, client.Name, started, back, [(FaultClient)client], []));
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
    private async Task ServerFaultsAsync(List<FaultClient> clients, List<BrowserClient> browsers, CancellationToken cancellationToken)
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
                Record(new FaultEvent(kind, target, started, clock.Elapsed, clients, browsers));
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
}
