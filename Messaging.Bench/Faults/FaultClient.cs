using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Bench.Faults;

/// <summary>
/// One user's client, written the way docs/realtime.md says a client must be: handlers first, <c>start()</c>, on
/// every <c>ready</c> a catch-up by <c>after_sequence</c> of each conversation, a catch-up whenever a message shows a
/// gap, reconnection after any loss of the connection (to the next node when there are several), and sends one at a
/// time, each retried with the same <c>client_message_id</c> until the server acknowledges it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source lives as long as the run; catch-ups still running at the end read its token, so it is never disposed.")]
internal sealed class FaultClient(BenchUser user, IReadOnlyList<BenchConversation> conversations, IReadOnlyList<Uri> nodes, HttpClient http, SendLog sends, Action<string> log)
{
    private readonly Dictionary<Guid, ConversationView> views = conversations.ToDictionary(c => c.Id, c => new ConversationView(c.Id));
    private readonly Dictionary<Guid, CatchUpState> catchUps = conversations.ToDictionary(c => c.Id, _ => new CatchUpState());
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private HubConnection? connection;
    private bool paused;
    private int node = user.Index % nodes.Count;
    private int sent;
    private int reconnects;
    private int gaps;
    private int catchUpPages;
    private int readies;

    public BenchUser User => user;

    public IReadOnlyList<BenchConversation> Conversations => conversations;

    public ConversationView View(Guid conversationId) => views[conversationId];

    public int Reconnects => reconnects;

    public int Gaps => gaps;

    public int CatchUpPages => catchUpPages;

    public int Readies => readies;

    private Uri Node => nodes[Volatile.Read(ref node) % nodes.Count];

    public Task ConnectAsync() => ConnectLoopAsync();

    /// <summary>A fault: the client goes away (a closed lid, a lost network) and stays away until <see cref="ReconnectAsync"/>.</summary>
    public async Task DisconnectAsync()
    {
        HubConnection? current;
        lock (gate)
        {
            paused = true;
            current = connection;
            connection = null;
        }

        if (current is not null)
        {
            await current.DisposeAsync();
        }
    }

    public Task ReconnectAsync()
    {
        lock (gate)
        {
            paused = false;
        }

        return ConnectLoopAsync();
    }

    /// <summary>Sends one message every <paramref name="interval"/> (one at a time, as a client's outbox does) until <paramref name="until"/>.</summary>
    public async Task SendLoopAsync(TimeSpan interval, TimeSpan until, Stopwatch clock, string runId, Random random)
    {
        var next = TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds);
        while (!stopping.IsCancellationRequested)
        {
            if (next > clock.Elapsed)
            {
                await Task.Delay(next - clock.Elapsed);
            }

            if (clock.Elapsed >= until)
            {
                return;
            }

            BenchConversation conversation;
            lock (random)
            {
                conversation = conversations[random.Next(conversations.Count)];
            }

            await SendAsync(conversation.Id, $"{runId}-{user.Index}-{sent}");
            next += interval;
            if (next < clock.Elapsed)
            {
                next = clock.Elapsed; // Behind after an outage: carry on at the same pace, no burst.
            }
        }
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await DisconnectAsync();
    }

    private async Task SendAsync(Guid conversationId, string clientMessageId)
    {
        var record = new SendRecord(clientMessageId, conversationId, user.Id, sent++, Stopwatch.GetTimestamp());
        sends.Add(record);
        var content = $"faults {clientMessageId}";
        while (!stopping.IsCancellationRequested)
        {
            record.Attempts++;
            try
            {
                using var request = Scenario.Request(HttpMethod.Post, Node, $"/api/v1/messaging/conversations/{conversationId}/messages", user.AccessToken,
                    new { content, client_message_id = clientMessageId });
                using var response = await http.SendAsync(request, stopping.Token);
                if (response.IsSuccessStatusCode)
                {
                    var message = await response.Content.ReadFromJsonAsync<JsonElement>(stopping.Token);
                    record.AcknowledgedAt = Stopwatch.GetTimestamp();
                    record.MessageId = message.GetProperty("id").GetGuid();
                    record.Sequence = message.GetProperty("sequence").GetInt64();
                    Apply(conversationId, message);
                    return;
                }

                if (!Retryable(response.StatusCode))
                {
                    record.Refused = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stopping.Token)}";
                    log($"Send {clientMessageId} by client {user.Index} refused: {record.Refused}");
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !stopping.IsCancellationRequested))
            {
                // The node is down or did not answer in time: the same client message id again, maybe elsewhere.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            NextNode();
            await Pause(TimeSpan.FromMilliseconds(250));
        }
    }

    private static bool Retryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private async Task ConnectLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            lock (gate)
            {
                if (paused || connection is not null)
                {
                    return;
                }
            }

            var candidate = Build(Node);
            try
            {
                await candidate.StartAsync(stopping.Token);
                lock (gate)
                {
                    if (!paused && connection is null && !stopping.IsCancellationRequested)
                    {
                        connection = candidate;
                        candidate = null;
                    }
                }

                if (candidate is null)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TimeoutException
                or System.Net.WebSockets.WebSocketException or OperationCanceledException)
            {
                NextNode();
            }

            // Paused or stopped while starting, or the start failed.
            await candidate!.DisposeAsync();
            await Pause(TimeSpan.FromMilliseconds(250));
        }
    }

    private HubConnection Build(Uri address)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/messaging"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower)
            .Build();
        hub.On<JsonElement>("ready", _ =>
        {
            Interlocked.Increment(ref readies);
            foreach (var conversation in conversations)
            {
                RequestCatchUp(conversation.Id);
            }
        });
        hub.On<JsonElement>("new_message", payload =>
        {
            var conversationId = payload.GetProperty("conversation_id").GetGuid();
            if (views.ContainsKey(conversationId))
            {
                Apply(conversationId, payload.GetProperty("message"));
            }
        });
        hub.Closed += error =>
        {
            lock (gate)
            {
                if (connection != hub)
                {
                    return Task.CompletedTask; // Closed on purpose (a fault) or never adopted.
                }

                connection = null;
            }

            Interlocked.Increment(ref reconnects);
            _ = Task.Run(ConnectLoopAsync);
            return Task.CompletedTask;
        };
        return hub;
    }

    /// <summary>Merges a message from any source; a gap below it means something was missed: catch up.</summary>
    private void Apply(Guid conversationId, JsonElement message)
    {
        var clientMessageId = message.TryGetProperty("client_message_id", out var cmid) && cmid.ValueKind == JsonValueKind.String ? cmid.GetString() : null;
        if (views[conversationId].Merge(message.GetProperty("id").GetGuid(), message.GetProperty("sequence").GetInt64(), message.GetProperty("sender_id").GetGuid(), clientMessageId))
        {
            Interlocked.Increment(ref gaps);
            RequestCatchUp(conversationId);
        }
    }

    /// <summary>At most one catch-up per conversation at a time; a request during one runs another after it.</summary>
    private void RequestCatchUp(Guid conversationId)
    {
        var state = catchUps[conversationId];
        lock (state)
        {
            if (state.Running)
            {
                state.Pending = true;
                return;
            }

            state.Running = true;
        }

        _ = Task.Run(async () =>
        {
            while (true)
            {
                lock (state)
                {
                    state.Pending = false;
                }

                await CatchUpAsync(views[conversationId]);
                lock (state)
                {
                    if (!state.Pending || stopping.IsCancellationRequested)
                    {
                        state.Running = false;
                        return;
                    }
                }
            }
        });
    }

    private async Task CatchUpAsync(ConversationView view)
    {
        const int Limit = 100;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var after = view.Contiguous;
                using var request = Scenario.Request(HttpMethod.Get, Node,
                    string.Create(CultureInfo.InvariantCulture, $"/api/v1/messaging/conversations/{view.ConversationId}/messages?after_sequence={after}&limit={Limit}"), user.AccessToken);
                using var response = await http.SendAsync(request, stopping.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref catchUpPages);
                    var page = await response.Content.ReadFromJsonAsync<JsonElement>(stopping.Token);
                    foreach (var message in page.EnumerateArray())
                    {
                        view.Merge(message.GetProperty("id").GetGuid(), message.GetProperty("sequence").GetInt64(), message.GetProperty("sender_id").GetGuid(),
                            message.TryGetProperty("client_message_id", out var cmid) && cmid.ValueKind == JsonValueKind.String ? cmid.GetString() : null);
                    }

                    if (page.GetArrayLength() < Limit)
                    {
                        return;
                    }

                    continue;
                }

                if (!Retryable(response.StatusCode))
                {
                    log($"Catch-up of {view.ConversationId} by client {user.Index} refused: {(int)response.StatusCode}");
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !stopping.IsCancellationRequested))
            {
                // Down or slow: again, maybe on another node.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            NextNode();
            await Pause(TimeSpan.FromMilliseconds(250));
        }
    }

    private void NextNode()
    {
        if (nodes.Count > 1)
        {
            Interlocked.Increment(ref node);
        }
    }

    private async Task Pause(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private sealed class CatchUpState
    {
        public bool Running { get; set; }
        public bool Pending { get; set; }
    }
}
