namespace Messaging.Bench.Faults;

/// <summary>
/// A node that can be killed and started again with the same address, configuration and data (the faults checker's
/// process faults); each start is a new <see cref="ServerProcess"/>.
/// </summary>
public sealed class ServerNode : IAsyncDisposable
{
    private readonly string dll;
    private readonly IReadOnlyDictionary<string, string> environment;
    private ServerProcess? process;

    private ServerNode(string dll, IReadOnlyDictionary<string, string> environment, ServerProcess process)
    {
        this.dll = dll;
        this.environment = environment;
        this.process = process;
        Address = process.Address;
    }

    public Uri Address { get; }

    public string? LogPath => process?.LogPath;

    /// <summary>How long a node may take to answer <c>/health/ready</c>: a limit, not a measure (a loaded 2-core machine took over 90 s).</summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(5);

    public static async Task<ServerNode> StartAsync(string dll, IReadOnlyDictionary<string, string> environment) =>
        new(dll, environment, await ServerProcess.StartAsync(dll, environment, StartPatience));

    /// <summary>SIGKILL: a crash, nothing flushed or closed by the application.</summary>
    public async Task KillAsync()
    {
        if (process is { } running)
        {
            await running.KillAsync();
            await running.DisposeAsync();
            process = null;
        }
    }

    /// <summary>SIGTERM: the graceful shutdown of a rolling restart.</summary>
    public async Task StopAsync()
    {
        if (process is { } running)
        {
            await running.TerminateAsync(TimeSpan.FromSeconds(90));
            await running.DisposeAsync();
            process = null;
        }
    }

    /// <summary>Starts the node again on its address; returns when <c>/health/ready</c> answers.</summary>
    public async Task StartAgainAsync()
    {
        process ??= await ServerProcess.StartAsync(dll, environment, StartPatience, Address.Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
    }
}
