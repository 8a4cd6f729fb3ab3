using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Bench;

/// <summary>
/// The load scenario: verified users (via the administrator), direct pairs and groups of ten, one SignalR client per
/// user, then messages at a fixed offered rate through the HTTP API, each tracked until every participant's client
/// has received it.
/// </summary>
public sealed partial class Scenario(ScenarioSettings settings) : IAsyncDisposable
{
    internal const string Password = "bench-password-1";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly string runId = Guid.NewGuid().ToString("N")[..8];
    private readonly DeliveryLedger ledger = new();
    private readonly ConcurrentQueue<double> sendLatencies = new();
    private List<BenchUser> users = [];
    private List<BenchConversation> conversations = [];
    private long loadStarted;

    /// <summary>Called when the users exist and before any client connects (the idle scenario's baseline).</summary>
    public Func<Task>? BeforeConnect { get; init; }

    /// <summary>Called when every client is connected and before the first send (the bench samples server memory here).</summary>
    public Func<Task>? Connected { get; init; }

    /// <summary>Called when the first send starts and when the drain ends (the bench samples server CPU here).</summary>
    public Func<bool, Task>? LoadPhase { get; init; }

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        return await LoadAsync(cancellationToken);
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        settings.Log($"Creating {settings.Users} verified users...");
        users = await CreateUsersAsync(cancellationToken);
        conversations = settings.Shape == ScenarioShape.Idle ? [] : await CreateConversationsAsync(cancellationToken);
        if (BeforeConnect is not null)
        {
            await BeforeConnect();
        }

        settings.Log($"{conversations.Count} conversations; connecting {users.Count} SignalR clients...");
        await ForEachAsync(users, 16, u => ConnectAsync(u, cancellationToken));
        if (settings.Warmup > 0 && conversations.Count > 0)
        {
            settings.Log($"Warming up with {settings.Warmup} messages...");
            await ForEachAsync(Enumerable.Range(0, settings.Warmup), 8, i =>
            {
                var conversation = conversations[i % conversations.Count];
                return SendAsync(conversation, conversation.Participants[0], $"warmup-{runId}-{i}", track: false, cancellationToken);
            });
        }

        if (Connected is not null)
        {
            await Connected();
        }
    }

    /// <summary>The users and conversations of <see cref="ScenarioSettings.Shape"/>, without connecting anyone (the faults checker connects its own clients).</summary>
    internal async Task<(IReadOnlyList<BenchUser> Users, IReadOnlyList<BenchConversation> Conversations)> CreateCastAsync(CancellationToken cancellationToken)
    {
        users = await CreateUsersAsync(cancellationToken);
        conversations = await CreateConversationsAsync(cancellationToken);
        return (users, conversations);
    }

    public async Task<ScenarioResult> LoadAsync(CancellationToken cancellationToken)
    {
        if (conversations.Count == 0)
        {
            return ScenarioResult.Empty;
        }

        var total = settings.MaxMessages ?? (int)Math.Ceiling(settings.Rate * settings.Duration.TotalSeconds);
        settings.Log($"Sending {total} messages at {settings.Rate}/s...");
        var random = new Random(42);
        var sends = new List<Task<bool>>(total);
        if (LoadPhase is not null)
        {
            await LoadPhase(true);
        }

        var clock = Stopwatch.StartNew();
        loadStarted = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            // Open loop: message i starts at i / rate, however long earlier ones take.
            var due = TimeSpan.FromSeconds(i / settings.Rate) - clock.Elapsed;
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due, cancellationToken);
            }

            var conversation = conversations[random.Next(conversations.Count)];
            var sender = conversation.Participants[random.Next(conversation.Participants.Count)];
            sends.Add(SendAsync(conversation, sender, $"{runId}-{i}", track: true, cancellationToken));
        }

        var results = await Task.WhenAll(sends);
        var sendDuration = clock.Elapsed;
        await DrainAsync(cancellationToken);
        if (LoadPhase is not null)
        {
            await LoadPhase(false);
        }

        var expected = ledger.Expected;
        var sent = results.Count(ok => ok);
        return new ScenarioResult(
            sent, results.Length - sent, sendDuration, expected, ledger.Deliveries, expected - ledger.Deliveries, ledger.Duplicates,
            LatencySummary.Of(ledger.Latencies.Select(l => l.Milliseconds).ToArray()), LatencySummary.Of(sendLatencies))
        {
            PerInterval = ledger.Latencies
                .GroupBy(l => (int)(TimeSpan.FromTicks((long)((l.StartedAt - loadStarted) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)) / settings.Interval))
                .OrderBy(g => g.Key)
                .Select(g => new IntervalLatency(g.Key, LatencySummary.Of(g.Select(l => l.Milliseconds).ToArray())))
                .ToArray(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in users)
        {
            if (user.Connection is { } connection)
            {
                await connection.DisposeAsync();
            }
        }

        http.Dispose();
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var last = -1L;
        var quietSince = Stopwatch.StartNew();
        while (ledger.Deliveries < ledger.Expected && quietSince.Elapsed < settings.Drain)
        {
            if (ledger.Deliveries != last)
            {
                last = ledger.Deliveries;
                quietSince.Restart();
            }

            await Task.Delay(50, cancellationToken);
        }

        // Give duplicates (which would follow the originals) a moment to show up.
        await Task.Delay(200, cancellationToken);
    }

    private async Task<bool> SendAsync(BenchConversation conversation, BenchUser sender, string clientMessageId, bool track, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (track)
        {
            ledger.Started(clientMessageId, conversation, sender, started);
        }

        try
        {
            var content = $"bench {clientMessageId} sent {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}";
            using var request = Request(HttpMethod.Post, sender.Node, $"/api/v1/messaging/conversations/{conversation.Id}/messages", sender.AccessToken,
                new { content, client_message_id = clientMessageId });
            using var response = await http.SendAsync(request, cancellationToken);
            if (track)
            {
                sendLatencies.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            if (!response.IsSuccessStatusCode)
            {
                settings.Log($"Send failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                ledger.Failed(clientMessageId);
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A timeout under overload is a failed send, reported as such; its late deliveries are then ignored.
            settings.Log($"Send failed: {ex.GetType().Name}: {ex.Message}");
            ledger.Failed(clientMessageId);
            return false;
        }
    }

    private async Task ConnectAsync(BenchUser user, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(user.Node, "/hubs/messaging"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower)
            .Build();
        connection.On<JsonElement>("new_message", payload =>
        {
            var at = Stopwatch.GetTimestamp();
            if (payload.GetProperty("message").TryGetProperty("client_message_id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                ledger.Arrived(id.GetString()!, user.Id, at);
            }
        });
        await connection.StartAsync(cancellationToken);
        user.Connection = connection;
    }

    private async Task<List<BenchUser>> CreateUsersAsync(CancellationToken cancellationToken)
    {
        var admin = await LoginAsync(settings.Nodes[0], settings.AdminEmail, settings.AdminPassword, cancellationToken);
        var created = new BenchUser[settings.Users];
        await ForEachAsync(Enumerable.Range(0, settings.Users), 4, async i =>
        {
            var node = settings.Nodes[i % settings.Nodes.Count];
            var email = $"bench-{runId}-{i}@bench.local";
            var registered = await ExpectAsync(Request(HttpMethod.Post, node, "/api/v1/auth/register", null, new { email, password = Password, name = $"Bench {i}" }), cancellationToken);
            var id = Guid.Parse(registered["user_id"]!.GetValue<string>());
            await ExpectAsync(Request(HttpMethod.Post, node, $"/api/v1/admin/users/{id}/verify", admin), cancellationToken);
            var token = await LoginAsync(node, email, Password, cancellationToken);
            created[i] = new BenchUser(i, id, token, node) { Email = email };
        });
        return [.. created];
    }

    /// <summary>The conversations of <see cref="ScenarioSettings.Shape"/>: direct pairs (0-1, 2-3, ...), groups of ten (0-9, 10-19, ...), or both.</summary>
    private async Task<List<BenchConversation>> CreateConversationsAsync(CancellationToken cancellationToken)
    {
        var plans = new List<BenchUser[]>();
        for (var i = 0; i + 1 < users.Count && settings.Shape != ScenarioShape.Group; i += 2)
        {
            plans.Add([users[i], users[i + 1]]);
        }

        var groupSize = Math.Min(10, users.Count);
        for (var i = 0; i + groupSize <= users.Count && groupSize >= 3 && settings.Shape != ScenarioShape.Direct; i += groupSize)
        {
            plans.Add(users.Skip(i).Take(groupSize).ToArray());
        }

        var created = new BenchConversation[plans.Count];
        await ForEachAsync(Enumerable.Range(0, plans.Count), 8, async i =>
        {
            var members = plans[i];
            var creator = members[0];
            object body = members.Length == 2
                ? new { conversation_type = "direct", participant_ids = new[] { members[1].Id } }
                : new { conversation_type = "group", participant_ids = members.Skip(1).Select(m => m.Id).ToArray(), title = $"Bench group {i}" };
            var conversation = await ExpectAsync(Request(HttpMethod.Post, creator.Node, "/api/v1/messaging/conversations", creator.AccessToken, body), cancellationToken);
            created[i] = new BenchConversation(Guid.Parse(conversation["id"]!.GetValue<string>()), members);
        });
        return [.. created];
    }

    private async Task<string> LoginAsync(Uri node, string email, string password, CancellationToken cancellationToken)
    {
        var tokens = await ExpectAsync(Request(HttpMethod.Post, node, "/api/v1/auth/login", null, new { email, password }), cancellationToken);
        return tokens["access_token"]!.GetValue<string>();
    }

    private async Task<JsonNode> ExpectAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
            }

            return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
        }
    }
}
