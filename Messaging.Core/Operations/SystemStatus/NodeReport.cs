namespace Messaging.Core.Operations.SystemStatus;

/// <summary>What one node says about itself at each heartbeat: which build it runs, since when, and who is connected to it.</summary>
public sealed record NodeReport(string NodeId, string Version, DateTime StartedAt, DateTime SeenAt, int HubConnections, int Circuits);
