namespace Messaging.Core.Realtime;

/// <summary>This process among the nodes sharing one Redis: lets a node recognise its own publications.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
