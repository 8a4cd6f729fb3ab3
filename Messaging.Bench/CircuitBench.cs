using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Messaging.Core;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Messaging.Web.Features.Conversations;
using Messaging.Web.Features.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.Bench;

/// <summary>
/// <c>--scenario circuits</c>: the Blazor circuit path measured in process, on the real Core and a real SQLite file.
/// One sender sends to a group of 10 whose 9 other members hold <c>--circuits</c> circuits (tabs) between them. Each
/// circuit applies every event the way the chat pane does (its own <see cref="TimelineModel"/> behind a renderer lock,
/// then its receipts), first the old way (the bus awaits each circuit, one receipt write per event and a list re-read),
/// then the new way (<see cref="ChatSession"/> on a <see cref="QueuedSubscription"/>, <see cref="CircuitReceipts"/>).
/// No rendering or browser: what is measured is what a send costs and how soon every circuit has applied it.
/// </summary>
public static class CircuitBench
{
    public static async Task<int> RunAsync(BenchCommandLine options, Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var queued in new[] { false, true })
        {
            var result = await RunOnceAsync(options, queued, cancellationToken);
            log(result.ToString());
        }

        return 0;
    }

    private static async Task<CircuitResult> RunOnceAsync(BenchCommandLine options, bool queued, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("messaging-bench-circuits-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:DataDirectory"] = directory,
            ["Messaging:Database:Provider"] = "Sqlite",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddMessagingCore(configuration);
        services.AddDataProtection().SetApplicationName("Messaging.Bench").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "keys")));
        services.AddQueuedSubscriptions();
        await using var provider = services.BuildServiceProvider();
        try
        {
            var factory = provider.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
            await DatabaseMigrator.MigrateAsync(factory, cancellationToken);
            var users = new List<Guid>();
            for (var i = 0; i < Limits.MaxGroupParticipants; i++)
            {
                users.Add(await SeededUsers.CreateVerifiedAsync(factory, $"Bench {i}", "bench.local"));
            }

            var sender = users[0];
            var group = (await provider.GetRequiredService<CreateConversationHandler>()
                .HandleAsync(sender, new CreateConversation(ConversationType.Group, users.Skip(1).ToArray(), "Bench"), cancellationToken)).Conversation.Id;

            var delivered = new ConcurrentDictionary<Guid, ConcurrentBag<double>>();
            var clock = Stopwatch.StartNew();
            var sentAt = new ConcurrentDictionary<string, double>();
            var circuits = new List<IDisposable>();
            var receipts = new List<CircuitReceipts>();
            for (var i = 0; i < options.Circuits; i++)
            {
                var user = users[1 + (i % (users.Count - 1))];
                var scope = provider.CreateAsyncScope();
                var timeline = new TimelineModel(user, 50);
#pragma warning disable CA2000 // One per simulated circuit, alive for the whole run like the circuit's renderer lock.
                var renderer = new SemaphoreSlim(1, 1);
#pragma warning restore CA2000
                async Task ApplyAsync(MessagingEvent e, Func<MessageView, Task> receipt)
                {
                    if (e is not MessageEvent { Kind: MessageEventKind.New } m)
                    {
                        return;
                    }

                    await renderer.WaitAsync(cancellationToken);
                    try
                    {
                        timeline.Apply(m);
                    }
                    finally
                    {
                        renderer.Release();
                    }

                    var seen = clock.Elapsed.TotalMilliseconds;
                    // Keyed by client id, known before the send: the inline path applies before the send returns.
                    if (m.Message.ClientMessageId is { } clientId && sentAt.TryGetValue(clientId, out var start))
                    {
                        delivered.GetOrAdd(m.Message.Id, _ => []).Add(seen - start);
                    }

                    await receipt(m.Message);
                }

                if (queued)
                {
                    var session = new ChatSession(new FixedUser(user), provider.GetRequiredService<QueuedSubscriptions>());
                    var coalesced = new CircuitReceipts(
                        session, provider.GetRequiredService<MarkReceiptHandler>(), TimeProvider.System, provider.GetRequiredService<ILogger<CircuitReceipts>>());
                    session.Received += e => ApplyAsync(e, message =>
                    {
                        coalesced.Delivered(group, message.Id, message.Sequence);
                        coalesced.Read(group, message.Id, message.Sequence);
                        return Task.CompletedTask;
                    });
                    await session.StartAsync();
                    circuits.Add(session);
                    circuits.Add(coalesced);
                    receipts.Add(coalesced);
                }
                else
                {
                    var marks = provider.GetRequiredService<MarkReceiptHandler>();
                    var reader = provider.GetRequiredService<ConversationReader>();
                    circuits.Add(provider.GetRequiredService<IEventBus>().Subscribe(user, e => ApplyAsync(e, async message =>
                    {
                        // What the pane and the list did before: a read receipt per event, and a list re-read.
                        await marks.HandleAsync(user, group, message.Id, ReceiptKind.Read, cancellationToken);
                        await reader.ListAsync(user, false, Limits.MaxConversationPageSize, cancellationToken);
                    })));
                }

                circuits.Add(scope);
            }

            var sends = new List<double>();
            var messages = options.Messages ?? 100;
            var handler = provider.GetRequiredService<SendMessageHandler>();
            var total = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                var clientId = Guid.CreateVersion7().ToString("N");
                sentAt[clientId] = start;
                await handler.HandleAsync(sender, new SendMessage(group, $"message {i}", ClientMessageId: clientId), cancellationToken);
                sends.Add(clock.Elapsed.TotalMilliseconds - start);
            }

            var expected = messages * options.Circuits;
            var deadline = Stopwatch.StartNew();
            while (delivered.Values.Sum(b => b.Count) < expected && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20, cancellationToken);
            }

            var drained = total.Elapsed;
            foreach (var r in receipts)
            {
                await r.WhenIdleAsync();
            }

            var written = queued ? receipts.Sum(r => r.Writes) : expected;
            foreach (var circuit in circuits)
            {
                circuit.Dispose();
            }

            return new CircuitResult(
                queued ? "queued (new)" : "inline (before)",
                options.Circuits,
                messages,
                Percentiles.Of(sends),
                Percentiles.Of(delivered.Values.SelectMany(b => b).ToList()),
                delivered.Values.Sum(b => b.Count),
                expected,
                written,
                drained);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private sealed class FixedUser(Guid userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "bench"))));
    }
}

public sealed record CircuitResult(
    string Mode, int Circuits, int Messages, Percentiles Send, Percentiles Applied, int Deliveries, int Expected, int ReceiptWrites, TimeSpan Drained)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        Circuits, {Mode}: {Circuits} circuits, {Messages} messages to a group of 10
          Send call (SendMessageHandler): {Send}
          Applied by every circuit:       {Applied} ({Deliveries} of {Expected})
          Receipt writes:                 {ReceiptWrites}
          All sent and applied in:        {Drained.TotalSeconds:F1} s
        """);
}

public sealed record Percentiles(double P50, double P95, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(0, 0, 0);
        }

        var sorted = values.Order().ToArray();
        return new Percentiles(sorted[(int)(sorted.Length * 0.5)], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.95))], sorted[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F1} ms, p95 {P95:F1} ms, max {Max:F1} ms");
}
