using System.Collections.Concurrent;

namespace Messaging.Web.Features.Accounts;

/// <summary>This node's Blazor circuits by user, so a change of access re-checks them at once rather than at the next minute.</summary>
internal sealed class CircuitAccess
{
    private readonly ConcurrentDictionary<SessionRevalidatingStateProvider, Guid> circuits = new();

    public int Count => circuits.Count;

    public void Track(SessionRevalidatingStateProvider circuit, Guid userId) => circuits[circuit] = userId;

    public void Forget(SessionRevalidatingStateProvider circuit) => circuits.TryRemove(circuit, out _);

    public Task RecheckAsync(Guid userId) =>
        Task.WhenAll(circuits.Where(c => c.Value == userId).Select(c => c.Key.RevalidateNowAsync()));
}
