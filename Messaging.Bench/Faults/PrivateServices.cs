using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Messaging.Bench.Faults;

/// <summary>
/// A redis-server of the checker's own (its port, its directory, no persistence), so that stopping it hurts no one
/// else: the shared test Redis on 6379 is never touched.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("messaging-faults-redis-").FullName;
    private Process? process;

    public int Port { get; } = FreePort.Next();

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    public async Task StartAsync()
    {
        if (process is not null)
        {
            return;
        }

        process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        await FreePort.WaitListeningAsync(Port, process);
    }

    /// <summary>Stops it at once (SIGKILL): connected nodes see the connection drop, as in an outage.</summary>
    public async Task StopAsync()
    {
        if (process is { } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
            running.Dispose();
            process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>
/// A PostgreSQL cluster of the checker's own (initdb in a temporary directory, its own port and socket directory),
/// restarted by the checker without touching the shared server on 5432. Run as the <c>postgres</c> user when the
/// checker runs as root (initdb refuses root).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("messaging-faults-postgres-").FullName;
    private readonly string bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin")).LastOrDefault()
        ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql.");

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=messaging;Password=messaging;Database=messaging_faults";

    private string Data => Path.Combine(directory, "data");

    public async Task InitializeAsync()
    {
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres", directory]);
        }

        await RunPostgresAsync("initdb", ["-D", Data, "-U", "messaging", "--auth=trust", "--no-sync"]);
        await StartAsync();
    }

    public Task StartAsync() => RunPostgresAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(directory, "log"), "-w",
        "-o", $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);

    /// <summary>Fast shutdown: open connections are cut, as in a database restart.</summary>
    public Task StopAsync() => RunPostgresAsync("pg_ctl", ["-D", Data, "-w", "-m", "fast", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPostgresAsync("pg_ctl", ["-D", Data, "-w", "-m", "immediate", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(directory, recursive: true);
    }

    private Task RunPostgresAsync(string tool, IReadOnlyList<string> arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
            : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}

internal static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task WaitListeningAsync(int port, Process process)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process on port {port} exited with {process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"Nothing listened on port {port}.");
    }
}
