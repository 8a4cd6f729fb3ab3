using System.Text.Json;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>A real SignalR client of /hubs/messaging that records every server event it receives, in order.</summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly string[] EventNames =
    [
        "ready", "new_message", "message_updated", "message_deleted", "typing_start", "typing_stop", "presence_changed",
        "message_delivered", "message_read", "conversation_updated", "notification",
    ];

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly List<HubEvent> events = [];
    private readonly Lock gate = new();

    private HubClient(HubConnection connection, TestUser user)
    {
        Connection = connection;
        User = user;
        foreach (var name in EventNames)
        {
            connection.On<JsonElement>(name, payload =>
            {
                lock (gate)
                {
                    events.Add(new HubEvent(name, payload.Clone()));
                }
            });
        }
    }

    public HubConnection Connection { get; }

    public TestUser User { get; }

    public IReadOnlyList<HubEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public static HubConnection Build(Uri baseAddress, string? accessToken, string? language = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/messaging"), o =>
            {
                if (accessToken is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }

                if (language is not null)
                {
                    o.Headers["Accept-Language"] = language;
                }
            })
            .AddJsonProtocol(o => ApiSetup.ConfigureJson(o.PayloadSerializerOptions))
            .Build();

    /// <summary>Connects and, as the contract asks (docs/realtime.md), waits for <c>ready</c>: from then on nothing is missed live.</summary>
    public static async Task<HubClient> ConnectAsync(MessagingHost host, TestUser user, string? language = null)
    {
        var client = await StartAsync(host, user, language);
        await client.WaitForAsync("ready");
        return client;
    }

    /// <summary>Connects to a node at <paramref name="baseAddress"/> (a child process, say) and waits for <c>ready</c>.</summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, TestUser user)
    {
        var client = await StartAsync(baseAddress, user);
        await client.WaitForAsync("ready");
        return client;
    }

    /// <summary>Connects without waiting for <c>ready</c>.</summary>
    public static Task<HubClient> StartAsync(MessagingHost host, TestUser user, string? language = null) =>
        StartAsync(host.BaseAddress, user, language);

    private static async Task<HubClient> StartAsync(Uri baseAddress, TestUser user, string? language = null)
    {
        var client = new HubClient(Build(baseAddress, user.AccessToken, language), user);
        using var timeout = new CancellationTokenSource(Patience);
        await client.Connection.StartAsync(timeout.Token);
        return client;
    }

    public Task InvokeAsync(string method, params object[] args) => Connection.InvokeCoreAsync(method, args);

    /// <summary>The first recorded event with this name that matches, waiting for it up to <see cref="Patience"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null)
    {
        HubEvent? found = null;
        await Eventually.UntilAsync(
            $"{User.Name} to receive {name}",
            () => (found = Events.FirstOrDefault(e => e.Name == name && (match is null || match(e.Payload)))) is not null,
            Received, Patience, TimeSpan.FromMilliseconds(20));
        return found!.Payload;
    }

    public Task WaitUntilAsync(string what, Func<IReadOnlyList<HubEvent>, bool> condition) =>
        Eventually.UntilAsync($"{User.Name}: {what}", () => condition(Events), Received, Patience, TimeSpan.FromMilliseconds(20));

    /// <summary>What arrived instead, for a wait's failure message.</summary>
    private string Received() => Events.Count == 0 ? "no events" : "events " + string.Join(", ", Events.Select(e => e.Name));

    public Task<JsonElement> WaitForMessageAsync(string messageId, string name = "new_message") =>
        WaitForAsync(name, p => p.GetProperty("message").GetProperty("id").GetString() == messageId);

    public int Count(string name, Func<JsonElement, bool>? match = null) => Events.Count(e => e.Name == name && (match is null || match(e.Payload)));

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

public sealed record HubEvent(string Name, JsonElement Payload);

public static class PayloadExtensions
{
    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static bool Is(this JsonElement element, string property, object value) =>
        element.TryGetProperty(property, out var actual) && actual.ToString() == value.ToString();
}
