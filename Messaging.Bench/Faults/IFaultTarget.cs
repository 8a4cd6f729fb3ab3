namespace Messaging.Bench.Faults;

/// <summary>A client the schedule can take away and bring back: a SignalR client or a browser tab.</summary>
internal interface IFaultTarget
{
    /// <summary>How the run's output names it ("client 3", "browser 1 (user 4)").</summary>
    string Name { get; }

    Task DisconnectAsync();

    Task ReconnectAsync();
}
