using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Tests.Web.Operations;

/// <summary>The test's load balancer and its clients.</summary>
public sealed partial class RollingRestartTests
{
    /// <summary>
    /// The load balancer: a client goes to its home node while that node is in service, otherwise to node B. A is taken
    /// out when it gets SIGTERM (its /health/ready answers 503 from then on) and put back once started again.
    /// </summary>
    private sealed class Balancer(Uri a, Uri b)
    {
        private volatile Uri? a = a;

        public Uri B { get; } = b;

        public Uri For(string home) => home == "A" && a is { } up ? up : B;

        public void TakeOutA() => a = null;

        public void BringBackA(Uri restarted) => a = restarted;
    }

    /// <summary>One person's app: a hub connection, a view of each conversation, and a sender that retries until answered.</summary>
    private sealed partial class ChatClient(TestUser user, string home, string[] conversations, Balancer balancer, ConcurrentQueue<Exception> failures) : IAsyncDisposable
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, SortedDictionary<long, string>> views = conversations.ToDictionary(c => c, _ => new SortedDictionary<long, string>());
        private readonly HashSet<string> live = [];
        private readonly Dictionary<string, long> firstCatchUpThrough = [];
        private readonly ConcurrentQueue<Acknowledgement> acknowledged = new();
        private readonly ApiClient api = new(balancer.B) { Http = { Timeout = TimeSpan.FromSeconds(40) } };
        private readonly SemaphoreSlim moving = new(1, 1);
        private HubConnection? connection;
        private bool disposed;
        private int hints;
        private int connections;

        public string Name => user.Name;

        public string Home => home;

        public string[] Conversations => conversations;

        public IReadOnlyCollection<Acknowledgement> Acknowledged => acknowledged;

        public Uri? ConnectedTo { get; private set; }

        public int Hints => Volatile.Read(ref hints);

        public int Connections => Volatile.Read(ref connections);

        public IEnumerable<(long Sequence, string Id)> View(string conversation)
        {
            lock (gate)
            {
                return [.. views[conversation].Select(v => (v.Key, v.Value))];
            }
        }

        public bool ReceivedLive(string id)
        {
            lock (gate)
            {
                return live.Contains(id);
            }
        }

        public long FirstCatchUpThrough(string conversation)
        {
            lock (gate)
            {
                return firstCatchUpThrough[conversation];
            }
        }

        /// <summary>Connects through the balancer, waits for ready, then catches up every conversation (the contract's order).</summary>
        public async Task ConnectAsync()
        {
            Exception? failure = null;
            await Eventually.UntilAsync($"{Name} to connect", async () =>
            {
                var address = balancer.For(home);
                var hub = HubClient.Build(address, user.AccessToken);
                var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                hub.On<JsonElement>("ready", _ =>
                {
                    // A second ready on a live connection (Redis came back) asks for a catch-up too.
                    if (!ready.TrySetResult())
                    {
                        InBackground(CatchUpAllAsync);
                    }
                });
                hub.On<JsonElement>("new_message", OnNewMessage);
                hub.On<JsonElement>("reconnect", _ =>
                {
                    Interlocked.Increment(ref hints);
                    InBackground(MoveAsync);
                });
                hub.Closed += _ =>
                {
                    ready.TrySetException(new IOException("closed before ready"));
                    // The official clients' automatic reconnect, for a close without a hint.
                    if (!disposed && ReferenceEquals(connection, hub))
                    {
                        InBackground(MoveAsync);
                    }

                    return Task.CompletedTask;
                };
                try
                {
                    using var timeout = new CancellationTokenSource(HubClient.Patience);
                    await hub.StartAsync(timeout.Token);
                    await ready.Task.WaitAsync(HubClient.Patience);
                    connection = hub;
                    ConnectedTo = address;
                    Interlocked.Increment(ref connections);
                    await CatchUpAllAsync();
                    return true;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException or IOException or InvalidOperationException)
                {
                    // The node is stopping (503) or gone: try the balancer again.
                    await hub.DisposeAsync();
                    failure = e;
                    return false;
                }
            }, () => $"{failure}", Patience, TimeSpan.FromMilliseconds(100));
        }

        /// <summary>Leaves the current connection and connects again through the balancer (told to, or moving home).</summary>
        public async Task MoveAsync()
        {
            await moving.WaitAsync();
            try
            {
                if (disposed || (ConnectedTo == balancer.For(home) && connection?.State == HubConnectionState.Connected))
                {
                    return;
                }

                var old = connection;
                connection = null;
                ConnectedTo = null;
                if (old is not null)
                {
                    await old.DisposeAsync();
                }

                await ConnectAsync();
            }
            finally
            {
                moving.Release();
            }
        }

        /// <summary>One message every <see cref="SendEvery"/>, round the conversations, each retried until the server answers it.</summary>
        public async Task SendSteadilyAsync(CancellationToken stop)
        {
            using var ticks = new PeriodicTimer(SendEvery);
            for (var order = 0; !stop.IsCancellationRequested; order++)
            {
                var conversation = conversations[order % conversations.Length];
                var clientMessageId = $"{Name}-{order}";
                var body = new { content = $"{Name} {order}", client_message_id = clientMessageId };
                await Eventually.UntilAsync($"{Name} {clientMessageId} to be answered", async () =>
                {
                    var address = balancer.For(home);
                    try
                    {
                        using var response = await api.SendAsync(HttpMethod.Post, new Uri(address, $"/api/v1/messaging/conversations/{conversation}/messages").ToString(), user, body);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            var message = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!;
                            acknowledged.Enqueue(new Acknowledgement(order, conversation, clientMessageId, message["id"]!.GetValue<string>(), message["sequence"]!.GetValue<long>()));
                            return true;
                        }

                        // Only a stopping node's refusal may be retried; anything else is a bug.
                        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{Name} {clientMessageId} on {address}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                    {
                        // No answer: the send may or may not have committed; the same client_message_id makes the retry safe.
                    }

                    return false;
                }, Patience, TimeSpan.FromMilliseconds(100));

                try
                {
                    await ticks.WaitForNextTickAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            disposed = true;
            await moving.WaitAsync();
            try
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
            finally
            {
                moving.Release();
            }

            api.Dispose();
            moving.Dispose();
        }

        private void OnNewMessage(JsonElement payload)
        {
            var conversation = payload.Str("conversation_id");
            var message = payload.GetProperty("message");
            var sequence = message.GetProperty("sequence").GetInt64();
            bool gap;
            lock (gate)
            {
                if (!views.TryGetValue(conversation, out var view))
                {
                    return;
                }

                live.Add(message.Str("id"));
                gap = sequence > HeldThrough(view) + 1;
                view[sequence] = message.Str("id");
            }

            // A message more than one past the last held: one was missed (or is still on its way); catch up.
            if (gap)
            {
                InBackground(() => CatchUpAsync(conversation));
            }
        }

        /// <summary>Work started by an event; a failure is reported to the test instead of vanishing.</summary>
        private void InBackground(Func<Task> work) =>
            _ = Task.Run(work).ContinueWith(t => failures.Enqueue(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
