using System.Diagnostics;
using System.Reflection;
using System.Text;
using Messaging.Bench;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// Messaging.Web as a real child process (<c>dotnet Messaging.Web.dll</c> of the build output, like the bench's
/// ServerProcess), in Production on a free loopback port: for what only a process shows (signals, exit codes, start-up
/// refusals). The caller gives the data directory and the rest of the configuration as environment variables, and
/// optionally another build of the app (a <c>dotnet publish</c> output), working directory and command-line arguments.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private NodeProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the node wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Environment for one SQLite node in <paramref name="dataDirectory"/> with the tests' administrator and the rate limits lifted.</summary>
    public static Dictionary<string, string> SqliteEnvironment(string dataDirectory)
    {
        return new Dictionary<string, string>(ServerProcess.LiftedRateLimits)
        {
            ["Messaging__DataDirectory"] = dataDirectory,
            ["Messaging__Database__Provider"] = "Sqlite",
            ["Messaging__Database__MigrateOnStart"] = "true",
            ["Messaging__Admin__Email"] = MessagingHost.AdminEmail,
            ["Messaging__Admin__Password"] = MessagingHost.AdminPassword,
        };
    }

    /// <summary>
    /// Environment for one node of an installation of several: the shared PostgreSQL database and Redis (events, key
    /// ring, presence under <paramref name="prefix"/>, which keeps it apart from other tests), a data directory of its own.
    /// </summary>
    public static Dictionary<string, string> ClusterEnvironment(string dataDirectory, string postgres, string prefix)
    {
        var environment = SqliteEnvironment(dataDirectory);
        environment["Messaging__Database__Provider"] = "Postgres";
        environment["ConnectionStrings__Messaging"] = postgres;
        environment["Messaging__Redis"] = TestServices.RedisConfiguration;
        environment["Messaging__Realtime__ChannelPrefix"] = prefix;
        environment["Messaging__Realtime__EventSigningKey"] = $"{prefix}-signing-key-for-tests-only";
        return environment;
    }

    /// <summary>Starts the node and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<NodeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, Launching? launching = null)
    {
        var node = Launch(environment, launching);
        try
        {
            await node.WaitUntilReadyAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node and waits for it to exit by itself (a refused start-up), returning its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, Launching? launching = null)
    {
        await using var node = Launch(environment, launching);
        await node.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (node.ExitCode, node.Output);
    }

    /// <summary>SIGTERM, as systemd, Docker and Kubernetes stop a service.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL, as a crash or the kernel's out-of-memory killer: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The node did not exit within {timeout}:\n{Output}");
        }

        // The asynchronous readers finish with the process; this waits for their last lines.
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static NodeProcess Launch(IReadOnlyDictionary<string, string> environment, Launching? launching)
    {
        var configuration = typeof(NodeProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = launching?.Dll ?? Path.Combine(RepositoryRoot.Path, "Messaging.Web", "bin", configuration, "net10.0", "Messaging.Web.dll");
        var port = launching?.Port ?? ServerProcess.FreePort();
        var info = new ProcessStartInfo("dotnet", [dll, .. launching?.Arguments ?? []])
        {
            WorkingDirectory = launching?.WorkingDirectory ?? Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment.Remove("ASPNETCORE_CONTENTROOT");
        info.Environment.Remove("DOTNET_CONTENTROOT");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The node did not start");
        return new NodeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(5);

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        // Patience, not a timing: several nodes starting at once on a loaded machine take minutes.
        await Eventually.UntilAsync($"the node at {Address} to be ready", async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                return false; // Still starting.
            }
        }, () => $"its output:\n{Output}", StartPatience, TimeSpan.FromMilliseconds(100));
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>
    /// Another app than the build output (<paramref name="Dll"/>), started in another directory or with arguments, or on
    /// a given <paramref name="Port"/> (a node restarted where its browsers left it).
    /// </summary>
    public sealed record Launching(string? Dll = null, string? WorkingDirectory = null, IReadOnlyList<string>? Arguments = null, int? Port = null);
}
