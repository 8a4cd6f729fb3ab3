using System.Collections.Concurrent;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Operations;

/// <summary>
/// A deploy of one of two nodes (PostgreSQL + Redis, real processes) while people send: node A gets SIGTERM, drains and
/// exits, is started again, and its clients come back to it. The clients follow docs/realtime.md as a real app would
/// (SignalR .NET client; catch up on <c>ready</c> and on a gap; reconnect at once on the <c>reconnect</c> hint; retry a
/// send that got no answer with the same <c>client_message_id</c>). Afterwards every client's view of every conversation
/// equals the server's history: nothing acknowledged missing, nothing twice, same order.
/// </summary>
public sealed partial class RollingRestartTests
{
    private static readonly TimeSpan SendEvery = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SigTermOneOfTwoNodesUnderLoadThenRestart_EveryClientEndsWithTheServerHistory_NothingLostOrTwice()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var root = Directory.CreateTempSubdirectory("messaging-rolling-").FullName;
        try
        {
            var prefix = $"test-{Guid.NewGuid():N}";
            var environmentA = NodeProcess.ClusterEnvironment(Path.Combine(root, "a"), database.ConnectionString, prefix);
            environmentA["Messaging__Shutdown__Timeout"] = "00:00:20";
            // One after the other: the first migrates the database and creates the shared key ring.
            var nodeA = await NodeProcess.StartAsync(environmentA);
            var stoppedA = nodeA;
            await using var nodeB = await NodeProcess.StartAsync(NodeProcess.ClusterEnvironment(Path.Combine(root, "b"), database.ConnectionString, prefix));
            var balancer = new Balancer(nodeA.Address, nodeB.Address);
            var failures = new ConcurrentQueue<Exception>();
            try
            {
                using var setup = new ApiClient(nodeB.Address);
                var people = new List<TestUser>();
                foreach (var name in new[] { "Sara", "Omar", "Lina", "Karim", "Huda" })
                {
                    people.Add((await setup.CreateVerifiedUserAsync($"{name} Rolling")) with { Name = name });
                }

                var group = await setup.CreateGroupAsync(people[0], "Deploy night", [.. people.Skip(1)]);
                foreach (var member in people.Skip(1))
                {
                    await setup.AcceptAsync(member, group);
                }

                var saraOmar = await setup.CreateDirectAsync(people[0], people[1]);
                await setup.AcceptAsync(people[1], saraOmar);
                var linaKarim = await setup.CreateDirectAsync(people[2], people[3]);
                await setup.AcceptAsync(people[3], linaKarim);

                // Sara, Lina and Karim live on node A (the one restarted); Omar and Huda on node B.
                var clients = new List<ChatClient>
                {
                    new(people[0], "A", [group, saraOmar], balancer, failures),
                    new(people[1], "B", [group, saraOmar], balancer, failures),
                    new(people[2], "A", [group, linaKarim], balancer, failures),
                    new(people[3], "A", [group, linaKarim], balancer, failures),
                    new(people[4], "B", [group], balancer, failures),
                };
                try
                {
                    foreach (var client in clients)
                    {
                        await client.ConnectAsync();
                    }

                    using var stop = new CancellationTokenSource();
                    var sending = clients.Select(c => Task.Run(() => c.SendSteadilyAsync(stop.Token))).ToArray();
                    await WaitUntilAsync("every client has 8 sends acknowledged before the restart", () => clients.All(c => c.Acknowledged.Count >= 8), sending, failures);

                    // The deploy: A is taken out of the load balancer (nothing new goes there) and gets SIGTERM; what it
                    // is already doing must finish.
                    balancer.TakeOutA();
                    await nodeA.TerminateAsync();
                    await nodeA.WaitForExitAsync(TimeSpan.FromSeconds(40));
                    Assert.True(nodeA.ExitCode == 0, $"node A exited with {nodeA.ExitCode}:\n{nodeA.Output}");
                    await WaitUntilAsync("A's clients moved to node B", () => clients.Where(c => c.Home == "A").All(c => c.ConnectedTo == nodeB.Address), sending, failures);
                    var beforeRestart = clients.Select(c => c.Acknowledged.Count).ToList();
                    await WaitUntilAsync("every client sends through node B alone", () => clients.Select((c, i) => c.Acknowledged.Count >= beforeRestart[i] + 5).All(x => x), sending, failures);

                    // The new version of A starts and takes its clients back.
                    nodeA = await NodeProcess.StartAsync(environmentA);
                    balancer.BringBackA(nodeA.Address);
                    foreach (var client in clients.Where(c => c.Home == "A"))
                    {
                        await client.MoveAsync();
                    }

                    var afterRestart = clients.Select(c => c.Acknowledged.Count).ToList();
                    await WaitUntilAsync("every client sends after A is back", () => clients.Select((c, i) => c.Acknowledged.Count >= afterRestart[i] + 5).All(x => x), sending, failures);
                    await stop.CancelAsync();
                    await Task.WhenAll(sending).WaitAsync(Patience);

                    // The server's history, read once everything was acknowledged.
                    using var reader = new ApiClient(nodeB.Address);
                    var history = new Dictionary<string, List<Stored>>();
                    foreach (var conversation in new[] { group, saraOmar, linaKarim })
                    {
                        history[conversation] = await ReadAllAsync(reader, conversation == linaKarim ? people[2] : people[0], conversation);
                    }

                    foreach (var (conversation, stored) in history)
                    {
                        // Sequences without gaps, every sent message once.
                        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Sequence));
                        var sent = stored.Where(m => m.ClientMessageId is not null).ToList();
                        Assert.Equal(sent.Count, sent.Select(m => m.ClientMessageId).Distinct().Count());
                    }

                    var byClientMessageId = history.Values.SelectMany(s => s).Where(m => m.ClientMessageId is not null).ToDictionary(m => m.ClientMessageId!);
                    foreach (var client in clients)
                    {
                        // Every send (each retried until answered) is stored once, under the id and sequence it was answered with,
                        // and one sender's messages are in the order it sent them.
                        Assert.All(client.Acknowledged, a =>
                        {
                            Assert.True(byClientMessageId.TryGetValue(a.ClientMessageId, out var found), $"{client.Name}: acknowledged {a.ClientMessageId} is missing");
                            Assert.Equal((a.ConversationId, a.Id, a.Sequence), (found.ConversationId, found.Id, found.Sequence));
                        });
                        Assert.All(client.Acknowledged.GroupBy(a => a.ConversationId), mine =>
                        {
                            var sequences = mine.OrderBy(a => a.Order).Select(a => a.Sequence).ToList();
                            Assert.Equal(sequences.Order(), sequences);
                        });
                    }

                    Assert.Equal(
                        clients.SelectMany(c => c.Acknowledged).Select(a => a.ClientMessageId).Order(StringComparer.Ordinal),
                        byClientMessageId.Keys.Order(StringComparer.Ordinal));

                    // Every client's view, built from live events and its catch-ups, becomes the history: same ids, same order.
                    foreach (var client in clients)
                    {
                        await WaitUntilAsync($"{client.Name}'s view equals the history", () => client.Conversations.All(c => client.View(c).SequenceEqual(history[c].Select(m => (m.Sequence, m.Id)))), [], failures);
                    }

                    // Node A's clients were told to reconnect before their connection closed, and moved at once.
                    Assert.All(clients.Where(c => c.Home == "A"), c => Assert.True(c.Hints >= 1, $"{c.Name} got no reconnect hint"));

                    // Node B's clients never lost their connection: every message after their first ready reached them live,
                    // including the sends node A committed while it drained.
                    foreach (var client in clients.Where(c => c.Home == "B"))
                    {
                        Assert.Equal(1, client.Connections);
                        Assert.All(client.Conversations, conversation => Assert.All(
                            history[conversation].Where(m => m.Sequence > client.FirstCatchUpThrough(conversation)),
                            m => Assert.True(client.ReceivedLive(m.Id), $"{client.Name} never got {m.ClientMessageId ?? m.Id} (sequence {m.Sequence}) live")));
                    }
                }
                finally
                {
                    foreach (var client in clients)
                    {
                        await client.DisposeAsync();
                    }
                }
            }
            finally
            {
                await nodeA.DisposeAsync();
                if (!ReferenceEquals(stoppedA, nodeA))
                {
                    await stoppedA.DisposeAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<List<Stored>> ReadAllAsync(ApiClient api, TestUser user, string conversation)
    {
        var all = new List<Stored>();
        while (true)
        {
            var after = all.Count == 0 ? 0 : all[^1].Sequence;
            var page = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence={after}&limit=100", user))!.AsArray();
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page.Select(m => new Stored(conversation, m!["id"]!.GetValue<string>(), m["sequence"]!.GetValue<long>(), m["client_message_id"]?.GetValue<string>())));
        }
    }

    /// <summary>Waits for a condition; fails early when a sender gave up (its exception explains why).</summary>
    private static Task WaitUntilAsync(string what, Func<bool> condition, Task[] senders, ConcurrentQueue<Exception> failures) =>
        Eventually.UntilAsync(what, async () =>
        {
            if (failures.TryPeek(out var failure))
            {
                Assert.Fail($"A client failed while waiting for: {what}\n{failure}");
            }

            if (senders.FirstOrDefault(s => s.IsCompleted) is { } ended)
            {
                await ended;
                Assert.Fail($"A sender stopped while waiting for: {what}");
            }

            return condition();
        }, Patience);

    private sealed record Stored(string ConversationId, string Id, long Sequence, string? ClientMessageId);

    private sealed record Acknowledgement(int Order, string ConversationId, string ClientMessageId, string Id, long Sequence);
}
