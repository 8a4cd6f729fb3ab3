using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Messaging.Bench;

/// <summary>
/// A Messaging.Web node started as a child process (<c>dotnet Messaging.Web.dll</c>) on a free loopback port, with its
/// own data directory, so the bench can read its CPU time and memory from /proc.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>
    /// Every simulated user comes from one address and sends far faster than a person: the rate limits, lifted (as
    /// environment variables; the tests' nodes use them too).
    /// </summary>
    internal static IReadOnlyDictionary<string, string> LiftedRateLimits { get; } = new[] { "SignIn", "Register", "Send", "Hub" }
        .SelectMany(policy => new[] { $"Messaging__RateLimits__{policy}__PermitLimit", $"Messaging__RateLimits__{policy}__AddressPermitLimit" })
        .ToDictionary(key => key, _ => "10000000");

    public int Pid => process.Id;

    /// <summary>The node's console output (warnings and errors), kept after the run for diagnosis.</summary>
    public string LogPath => Path.Combine(Path.GetTempPath(), $"messaging-bench-node-{Pid}.log");

    /// <param name="port">A port to listen on (a restart of a killed node keeps its address); a free one when null.</param>
    public static async Task<ServerProcess> StartAsync(string serverDll, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, int? port = null)
    {
        port ??= FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet", [serverDll])
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in LiftedRateLimits.Concat(environment))
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        var server = new ServerProcess(process, address);
        try
        {
            process.OutputDataReceived += (_, e) => server.Output(e.Data);
            process.ErrorDataReceived += (_, e) => server.Output(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await server.WaitUntilReadyAsync(timeout);
            return server;
        }
        catch
        {
            // Not ready (exited, timed out, or failed to start reading): stop the child process, then report why.
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not become ready in {timeout}:\n{RecentOutput()}");
    }

    /// <summary>User plus system CPU time of the process so far, from /proc/&lt;pid&gt;/stat (clock ticks of 1/100 s).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // The command name (field 2) may contain spaces; fields after its closing parenthesis are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / 100.0;
    }

    /// <summary>Resident set size in bytes, from VmRSS in /proc/&lt;pid&gt;/status.</summary>
    public long RssBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown code runs, like a crash.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the host's graceful shutdown (a rolling restart).</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    /// <summary>Messaging.Web.dll built in the bench's own configuration, found from the solution folder.</summary>
    public static string LocateServerDll()
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Messaging.sln")))
            {
                var dll = Path.Combine(dir.FullName, "Messaging.Web", "bin", configuration, "net10.0", "Messaging.Web.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build Messaging.Web in {configuration} first.", dll);
            }
        }

        throw new FileNotFoundException("Messaging.sln not found above the bench; pass --server-dll.");
    }

    /// <summary>A loopback port nobody listens on right now (the tests' nodes take theirs here too).</summary>
    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private readonly Queue<string> output = new();

    private void Output(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            File.AppendAllText(LogPath, line + Environment.NewLine);
            output.Enqueue(line);
            if (output.Count > 50)
            {
                output.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (output)
        {
            return string.Join('\n', output);
        }
    }
}
