using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Messaging.Bench;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Messages;

/// <summary>
/// A real server process (Messaging.Web.dll, group commit; SQLite with <c>synchronous=NORMAL</c>, or PostgreSQL) killed
/// with SIGKILL while clients send: after a restart on the same data every acknowledged message is there once, in the
/// order it was acknowledged, and the sequences have no gaps (ADR 0030, ADR 0038).
/// </summary>
public abstract class KillDuringSendTests
{
    private const int Senders = 8;
    private const int AcknowledgedBeforeKill = 300;

    [Fact]
    public async Task Sigkill_UnderLoad_EveryAcknowledgedMessageSurvivesOnceInOrder()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-kill-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Messaging__DataDirectory"] = dataDirectory,
            ["Messaging__Database__MigrateOnStart"] = "true",
            ["Messaging__Admin__Email"] = MessagingHost.AdminEmail,
            ["Messaging__Admin__Password"] = MessagingHost.AdminPassword,
        };
        await using var database = await DatabaseAsync(environment);
        var dll = ServerProcess.LocateServerDll();
        var startTimeout = TimeSpan.FromMinutes(3);

        var server = await ServerProcess.StartAsync(dll, environment, startTimeout);
        var acknowledged = new ConcurrentQueue<(int Sender, int Order, string ConversationId, string ClientId, long Sequence, string Id)>();
        TestUser sara, omar;
        string[] conversations;
        try
        {
            using var api = new ApiClient(server.Address);
            sara = await api.CreateVerifiedUserAsync("Sara");
            omar = await api.CreateVerifiedUserAsync("Omar");
            var lina = await api.CreateVerifiedUserAsync("Lina");
            conversations = [await api.CreateDirectAsync(sara, omar), await api.CreateGroupAsync(sara, "Kill", omar, lina)];
            using var stop = new CancellationTokenSource();

            // Each sender sends one message at a time to its conversation and records it only once the server answered 201.
            var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                var from = s % 2 == 0 ? sara : omar;
                var conversation = conversations[s % conversations.Length];
                for (var k = 0; !stop.IsCancellationRequested; k++)
                {
                    var clientId = $"s{s}-{k}";
                    try
                    {
                        using var response = await api.SendAsync(HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/messages", from, new { content = clientId, client_message_id = clientId });
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            return;
                        }

                        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                        acknowledged.Enqueue((s, k, conversation, clientId, message["sequence"]!.GetValue<long>(), message["id"]!.GetValue<string>()));
                    }
                    catch (HttpRequestException)
                    {
                        return; // The server is gone: this send was never acknowledged.
                    }
                    catch (IOException)
                    {
                        return;
                    }
                }
            })).ToArray();

            await Eventually.UntilAsync("the senders", () => acknowledged.Count >= AcknowledgedBeforeKill || senders.Any(t => t.IsCompleted), TimeSpan.FromMinutes(3));
            Assert.All(senders, t => Assert.False(t.IsCompleted, "A sender stopped before the kill (a send was refused)."));

            // kill -9 while every sender has a request in flight.
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }
        finally
        {
            await server.DisposeAsync();
        }

        var restarted = await ServerProcess.StartAsync(dll, environment, startTimeout);
        await using (restarted)
        {
            using var api = new ApiClient(restarted.Address);
            var reader = await api.LoginAsync(sara.Email, sara.Password);
            foreach (var conversation in conversations)
            {
                var stored = await ReadAllAsync(api, reader, conversation);
                var mine = acknowledged.Where(a => a.ConversationId == conversation).ToList();
                Assert.NotEmpty(mine);

                // No gaps, no duplicates (also among messages committed whose answer the kill swallowed).
                Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Sequence));
                Assert.Equal(stored.Count, stored.Select(m => m.ClientId).Distinct().Count());

                // Every acknowledged message is there once, with the id and sequence it was acknowledged with.
                var byClientId = stored.ToDictionary(m => m.ClientId);
                Assert.All(mine, a =>
                {
                    Assert.True(byClientId.TryGetValue(a.ClientId, out var found), $"Acknowledged {a.ClientId} (sequence {a.Sequence}) is missing after the kill.");
                    Assert.Equal((a.Id, a.Sequence), (found.Id, found.Sequence));
                });

                // Each sender's messages in the order it sent them.
                Assert.All(mine.GroupBy(a => a.Sender), g =>
                {
                    var sequences = g.OrderBy(a => a.Order).Select(a => a.Sequence).ToList();
                    Assert.Equal(sequences.Order(), sequences);
                });
            }
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task<List<(long Sequence, string ClientId, string Id)>> ReadAllAsync(ApiClient api, TestUser reader, string conversation)
    {
        var all = new List<(long Sequence, string ClientId, string Id)>();
        while (true)
        {
            var after = all.Count == 0 ? 0 : all[^1].Sequence;
            var page = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence={after}&limit=100", reader))!.AsArray();
            if (page.Count == 0)
            {
                return all;
            }

            // The group's creation notices are system messages without a client id.
            all.AddRange(page.Select(m => (m!["sequence"]!.GetValue<long>(), m["client_message_id"]?.GetValue<string>() ?? $"system-{m["sequence"]}", m["id"]!.GetValue<string>())));
        }
    }

    /// <summary>Adds the provider's settings to <paramref name="environment"/>; the result is disposed after the test.</summary>
    protected abstract Task<IAsyncDisposable> DatabaseAsync(Dictionary<string, string> environment);
}

public sealed class KillDuringSendTestsOnSqlite : KillDuringSendTests
{
    protected override Task<IAsyncDisposable> DatabaseAsync(Dictionary<string, string> environment)
    {
        environment["Messaging__Database__Provider"] = "Sqlite";
        return Task.FromResult<IAsyncDisposable>(new Nothing());
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public sealed class KillDuringSendTestsOnPostgres : KillDuringSendTests
{
    protected override async Task<IAsyncDisposable> DatabaseAsync(Dictionary<string, string> environment)
    {
        var database = await PostgresDatabase.CreateAsync();
        environment["Messaging__Database__Provider"] = "Postgres";
        environment["ConnectionStrings__Messaging"] = database.ConnectionString;
        return database;
    }
}
