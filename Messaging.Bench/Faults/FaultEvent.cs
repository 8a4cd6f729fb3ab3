namespace Messaging.Bench.Faults;

/// <summary>One fault: what, on what, when it began and when it was over (run time), and who it touched.</summary>
public sealed class FaultEvent
{
    internal FaultEvent(string kind, string target, TimeSpan started, TimeSpan recovered, IReadOnlyList<FaultClient> clients, IReadOnlyList<BrowserClient> browsers)
    {
        Kind = kind;
        Target = target;
        Started = started;
        Recovered = recovered;
        Clients = clients;
        Browsers = browsers;
    }

    public string Kind { get; }
    public string Target { get; }
    public TimeSpan Started { get; }
    public TimeSpan Recovered { get; }
    internal IReadOnlyList<FaultClient> Clients { get; }
    internal IReadOnlyList<BrowserClient> Browsers { get; }

    /// <summary>Time from <see cref="Recovered"/> until every affected client held every message acknowledged by then.</summary>
    public TimeSpan? ConvergedAfter { get; set; }

    /// <summary>Time from <see cref="Recovered"/> until every affected browser tab showed the newest message acknowledged by then.</summary>
    public TimeSpan? BrowsersConvergedAfter { get; set; }
}
