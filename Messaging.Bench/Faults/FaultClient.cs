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
internal sealed partial class FaultClient(BenchUser user, IReadOnlyList<BenchConversation> conversations, IReadOnlyList<Uri> nodes, HttpClient http, SendLog sends, Action<string> log)
    : IFaultTarget
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

    public string Name => $"client {user.Index}";

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

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await DisconnectAsync();
    }

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
}
