using System.Globalization;
using Messaging.Bench;

// Usage: see README.md ("Benchmark") and docs/performance.md.
var options = BenchCommandLine.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var servers = new List<ServerProcess>();
var dataDirectory = Directory.CreateTempSubdirectory("messaging-bench-").FullName;
try
{
    IReadOnlyList<Uri> nodes;
    if (options.Url is { } url)
    {
        nodes = [url];
    }
    else
    {
        var dll = options.ServerDll ?? ServerProcess.LocateServerDll();
        var prefix = $"bench-{Guid.NewGuid():N}";
        for (var i = 0; i < options.Nodes; i++)
        {
            var environment = new Dictionary<string, string>
            {
                ["Messaging__DataDirectory"] = dataDirectory,
                ["Messaging__Database__Provider"] = options.Provider,
                ["Messaging__Database__MigrateOnStart"] = "true",
                ["Messaging__Admin__Email"] = options.AdminEmail,
                ["Messaging__Admin__Password"] = options.AdminPassword,
                ["Messaging__Realtime__ChannelPrefix"] = prefix,
            };
            if (options.Postgres is not null)
            {
                environment["ConnectionStrings__Messaging"] = options.Postgres;
            }

            if (options.Redis is not null)
            {
                environment["Messaging__Redis"] = options.Redis;
            }

            // One after the other: the first node migrates the database.
            servers.Add(await ServerProcess.StartAsync(dll, environment, TimeSpan.FromSeconds(60)));
            Console.WriteLine($"Node {i + 1}: {servers[^1].Address} (pid {servers[^1].Pid}, log {servers[^1].LogPath})");
        }

        nodes = servers.Select(s => s.Address).ToList();
    }

    var settings = new ScenarioSettings
    {
        Nodes = nodes,
        AdminEmail = options.AdminEmail,
        AdminPassword = options.AdminPassword,
        Users = options.Users,
        Rate = options.Rate,
        Duration = options.Duration,
        MaxMessages = options.Messages,
        Warmup = options.Warmup,
        Log = Console.WriteLine,
    };

    var rssBefore = servers.Sum(s => s.RssBytes());
    long rssConnected = 0;
    double cpuStart = 0, cpuEnd = 0;
    await using var scenario = new Scenario(settings)
    {
        Connected = () =>
        {
            rssConnected = servers.Sum(s => s.RssBytes());
            return Task.CompletedTask;
        },
        LoadPhase = starting =>
        {
            var cpu = servers.Sum(s => s.CpuSeconds());
            if (starting)
            {
                cpuStart = cpu;
            }
            else
            {
                cpuEnd = cpu;
            }

            return Task.CompletedTask;
        },
    };
    var result = await scenario.RunAsync(cancel.Token);
    var rssEnd = servers.Sum(s => s.RssBytes());

    var report = new BenchReport(options, result, servers.Count > 0
        ? new ServerUsage(cpuEnd - cpuStart, rssBefore, rssConnected, rssEnd)
        : null);
    Console.WriteLine(report.ToString(CultureInfo.InvariantCulture));
    return result.Lost == 0 && result.Duplicates == 0 ? 0 : 1;
}
finally
{
    foreach (var server in servers)
    {
        await server.DisposeAsync();
    }

    try
    {
        Directory.Delete(dataDirectory, recursive: true);
    }
    catch (IOException)
    {
        // Best effort.
    }
}
