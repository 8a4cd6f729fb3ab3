using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Bench;

/// <summary>A verified user of the run, with the node it talks to and (once connected) its hub connection.</summary>
internal sealed class BenchUser(int index, Guid id, string accessToken, Uri node, string email = "")
{
    /// <summary>
    /// Signs a browser in through the sign-in form (the idle scenario's <c>--browser-circuits</c>, the faults checker's
    /// tabs); the password is <see cref="Scenario.Password"/>.
    /// </summary>
    public string Email { get; } = email;

    public int Index { get; } = index;
    public Guid Id { get; } = id;
    public string AccessToken { get; } = accessToken;
    public Uri Node { get; } = node;
    public HubConnection? Connection { get; set; }
}

/// <summary>A conversation of the run and its participants (each connected with one client).</summary>
internal sealed record BenchConversation(Guid Id, IReadOnlyList<BenchUser> Participants);
