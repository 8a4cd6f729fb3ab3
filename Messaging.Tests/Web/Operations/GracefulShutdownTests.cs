using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Tests.Web.Operations;

/// <summary>
/// A node stopped with SIGTERM while clients send: every send it acknowledged is in the database exactly once (and
/// nothing it did not acknowledge), hub clients are told to reconnect before their connection closes, and the process
/// exits cleanly within <c>Messaging:Shutdown:Timeout</c>.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int Senders = 6;

    [Fact]
    public async Task SigTerm_WhileClientsSend_KeepsEveryAcknowledgedMessageOnceAndTellsHubClientsToReconnect()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-shutdown-").FullName;
        try
        {
            var environment = NodeProcess.SqliteEnvironment(dataDirectory);
            environment["Messaging__Shutdown__Timeout"] = "00:00:20";
            string conversation;
            TestUser alice;
            var acknowledged = new ConcurrentDictionary<string, string>();
            var refusals = new ConcurrentBag<string>();
            var hints = new ConcurrentBag<JsonElement>();
            var closed = new ConcurrentBag<string>();

            await using (var node = await NodeProcess.StartAsync(environment))
            {
                using var api = new ApiClient(node.Address);
                alice = await api.CreateVerifiedUserAsync("Alice Shutdown");
                var bob = await api.CreateVerifiedUserAsync("Bob Shutdown");
                conversation = await api.CreateDirectAsync(alice, bob);
                await api.AcceptAsync(bob, conversation);

                var hubs = new List<HubConnection>();
                foreach (var user in new[] { alice, bob })
                {
                    var hub = HubClient.Build(node.Address, user.AccessToken);
                    var ready = new TaskCompletionSource();
                    hub.On<JsonElement>("ready", _ => ready.TrySetResult());
                    hub.On<JsonElement>("reconnect", payload => hints.Add(payload.Clone()));
                    hub.Closed += _ =>
                    {
                        closed.Add(user.Name);
                        return Task.CompletedTask;
                    };
                    await hub.StartAsync();
                    await ready.Task.WaitAsync(HubClient.Patience);
                    hubs.Add(hub);
                }

                // Each sender sends until the node stops answering; a retry would reuse the client_message_id.
                var sending = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
                {
                    using var http = new ApiClient(node.Address);
                    for (var i = 0; ; i++)
                    {
                        var clientMessageId = $"s{sender}-{i}";
                        try
                        {
                            using var response = await http.SendAsync(HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/messages", alice,
                                new { content = $"load {clientMessageId}", client_message_id = clientMessageId });
                            if (response.StatusCode != HttpStatusCode.Created)
                            {
                                refusals.Add($"{clientMessageId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                                return;
                            }

                            var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                            acknowledged[message["id"]!.GetValue<string>()] = clientMessageId;
                        }
                        catch (HttpRequestException)
                        {
                            return; // the node has stopped listening
                        }
                    }
                })).ToArray();

                await Eventually.UntilAsync("100 sends acknowledged", () => acknowledged.Count >= 100, TimeSpan.FromSeconds(60));
                var stopping = Stopwatch.StartNew();
                await node.TerminateAsync();
                await node.WaitForExitAsync(TimeSpan.FromSeconds(30));
                stopping.Stop();
                await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(30));
                await Eventually.UntilAsync("both hub connections closed", () => closed.Count == 2, TimeSpan.FromSeconds(60));
                foreach (var hub in hubs)
                {
                    await hub.DisposeAsync();
                }

                Assert.True(node.ExitCode == 0, $"exit code {node.ExitCode}:\n{node.Output}");
                Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {stopping.Elapsed}");
            }

            // No send was answered with an error: each one either committed and was answered, or never reached the node.
            Assert.Empty(refusals);
            Assert.Equal(2, hints.Count);
            Assert.All(hints, h => Assert.Equal("shutdown", h.GetProperty("reason").GetString()));

            // A node started again on the same data holds exactly the acknowledged messages, each once, without gaps.
            await using var restarted = await NodeProcess.StartAsync(environment);
            using var reader = new ApiClient(restarted.Address);
            var reloaded = await reader.LoginAsync(alice.Email, alice.Password);
            var stored = await ReadAllAsync(reader, reloaded, conversation);

            var sent = stored.Where(m => m.ClientMessageId is not null).ToList();
            Assert.Equal(sent.Count, sent.Select(m => m.ClientMessageId).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Sequence));
            Assert.Equal(
                acknowledged.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, (string?)a.Value)),
                sent.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => (m.Id, m.ClientMessageId)));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<List<(string Id, string? ClientMessageId, long Sequence)>> ReadAllAsync(ApiClient api, TestUser user, string conversation)
    {
        var all = new List<(string Id, string? ClientMessageId, long Sequence)>();
        while (true)
        {
            var after = all.Count == 0 ? 0 : all[^1].Sequence;
            var page = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence={after}&limit=100", user))!.AsArray();
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page.Select(m => (
                m!["id"]!.GetValue<string>(),
                m["client_message_id"]?.GetValue<string>(),
                m["sequence"]!.GetValue<long>())));
        }
    }
}
