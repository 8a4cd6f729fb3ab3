using System.Globalization;
using Messaging.Bench.Faults;

namespace Messaging.Bench;

/// <summary>
/// Usage: see README.md ("Benchmark") and docs/performance.md. An explicit entry point (not top-level statements), so
/// no public <c>Program</c> type clashes with the web app's in the tests that reference both.
/// </summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (BenchUsage.Read(args, Console.Out, Console.Error, out var exitCode) is not { } options)
        {
            return exitCode;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        if (options.Scenario == "search")
        {
            return await SearchBench.RunAsync(options, Console.WriteLine, cancel.Token);
        }

        if (options.Scenario == "circuits")
        {
            return await CircuitBench.RunAsync(options, Console.WriteLine, cancel.Token);
        }

        if (options.Scenario == "faults")
        {
            return await FaultsCommand.RunAsync(options, Console.WriteLine, cancel.Token);
        }

        var startedAt = DateTime.UtcNow;
        var loadStart = BenchJson.LoadAverage();
        var servers = new List<ServerProcess>();
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-bench-").FullName;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
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

                // Nodes that share events through Redis sign them with one secret (required outside Development).
                var signingKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
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
                        ["Messaging__Diagnostics__MemoryEndpoint"] = "true",
                        // The garbage collector is part of what is measured: see docs/performance.md, "Memory".
                        ["DOTNET_gcServer"] = options.Gc == "server" ? "1" : "0",
                    };
                    if (options.GcConserve > 0)
                    {
                        environment["DOTNET_GCConserveMemory"] = options.GcConserve.ToString(CultureInfo.InvariantCulture);
                    }

                    if (options.Postgres is not null)
                    {
                        environment["ConnectionStrings__Messaging"] = options.Postgres;
                    }

                    if (options.Redis is not null)
                    {
                        environment["Messaging__Redis"] = options.Redis;
                        environment["Messaging__Realtime__EventSigningKey"] = signingKey;
                    }

                    if (options.GroupCommit is { } groupCommit)
                    {
                        environment["Messaging__Database__GroupCommit"] = groupCommit ? "true" : "false";
                    }

                    // Each node's pool is its share of the server's connections (unless --postgres names a size).
                    environment["Messaging__Database__Nodes"] = options.Nodes.ToString(CultureInfo.InvariantCulture);

                    // One after the other: the first node migrates the database.
                    servers.Add(await ServerProcess.StartAsync(dll, environment, options.StartTimeout));
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
                Shape = options.Shape,
                Rate = options.Rate,
                Duration = options.Duration,
                MaxMessages = options.Messages,
                Warmup = options.Warmup,
                Interval = options.Interval,
                Drain = options.Drain,
                Log = Console.WriteLine,
            };

            async Task<long?> HeapAsync(bool fullCollection)
            {
                long total = 0;
                foreach (var node in nodes)
                {
                    if (await ServerMemory.ReadAsync(probe, node, fullCollection, cancel.Token) is not { } memory)
                    {
                        return null;
                    }

                    total += memory.HeapBytes;
                }

                return total;
            }

            // Before the clients: after a forced full collection on every node, so the difference is what the clients hold.
            long rssBefore = 0, heapBefore = 0;
            long rssConnected = 0;
            double cpuStart = 0, cpuEnd = 0;
            var samples = new List<MemorySample>();
            using var sampling = new CancellationTokenSource();
            Task? sampler = null;
            var loadClock = System.Diagnostics.Stopwatch.StartNew();
            await using var scenario = new Scenario(settings)
            {
                BeforeConnect = async () =>
                {
                    heapBefore = await HeapAsync(fullCollection: true) ?? 0;
                    rssBefore = servers.Sum(s => s.RssBytes());
                },
                Connected = () =>
                {
                    rssConnected = servers.Sum(s => s.RssBytes());
                    return Task.CompletedTask;
                },
                LoadPhase = async starting =>
                {
                    var cpu = servers.Sum(s => s.CpuSeconds());
                    if (starting)
                    {
                        cpuStart = cpu;
                        loadClock.Restart();
                        sampler = SampleAsync(sampling.Token);
                    }
                    else
                    {
                        cpuEnd = cpu;
                        await sampling.CancelAsync();
                        await sampler!;
                    }
                },
            };

            // Server memory once per interval of the load, without forcing a collection (that would pause the load).
            async Task SampleAsync(CancellationToken token)
            {
                try
                {
                    while (true)
                    {
                        samples.Add(new MemorySample(loadClock.Elapsed.TotalSeconds, servers.Sum(s => s.RssBytes()), await HeapAsync(fullCollection: false)));
                        await Task.Delay(options.Interval, token);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The load ended.
                }
            }

            ScenarioResult result;
            IdleMemory? idle = null;
            if (options.Shape == ScenarioShape.Idle)
            {
                await scenario.PrepareAsync(cancel.Token);
                Console.WriteLine($"{options.Users} clients connected; idle for {options.Settle.TotalSeconds:F0} s...");
                await Task.Delay(options.Settle, cancel.Token);
                var heapConnected = await HeapAsync(fullCollection: true) ?? 0;
                idle = new IdleMemory(options.Users, rssBefore, servers.Sum(s => s.RssBytes()), heapBefore, heapConnected);
                if (options.BrowserCircuits > 0)
                {
                    // The first N users also open a signed-in tab; the hub clients stay connected. The first quarter of the
                    // circuits warms the server (JIT, component and MudBlazor caches, the socket memory pool grown by
                    // serving the scripts): the cost of one circuit is what the others add after that.
                    var tabs = scenario.Users.Take(options.BrowserCircuits).ToList();
                    var warm = Math.Max(1, tabs.Count / 4);
                    Console.WriteLine($"Opening {tabs.Count} signed-in Blazor circuits in headless Chromium ({warm} to warm up)...");
                    await using var circuits = await BrowserCircuits.StartAsync(options.Chromium);
                    await circuits.OpenAsync(tabs[..warm], options.StartTimeout, Console.WriteLine);
                    await Task.Delay(options.Settle, cancel.Token);
                    var heapWarm = await HeapAsync(fullCollection: true) ?? 0;
                    var rssWarm = servers.Sum(s => s.RssBytes());
                    await HeapDumps.CollectAsync(options.HeapDump, servers, "warm", Console.WriteLine);
                    await circuits.OpenAsync(tabs[warm..], options.StartTimeout, Console.WriteLine);
                    Console.WriteLine($"{circuits.Count} circuits interactive; idle for {options.Settle.TotalSeconds:F0} s...");
                    await Task.Delay(options.Settle, cancel.Token);
                    idle = idle with
                    {
                        Circuits = circuits.Count,
                        WarmCircuits = warm,
                        HeapWarm = heapWarm,
                        RssWarm = rssWarm,
                        HeapCircuits = await HeapAsync(fullCollection: true) ?? 0,
                        RssCircuits = servers.Sum(s => s.RssBytes()),
                    };
                    await HeapDumps.CollectAsync(options.HeapDump, servers, "circuits", Console.WriteLine);
                }

                result = ScenarioResult.Empty;
            }
            else
            {
                result = await scenario.RunAsync(cancel.Token);
            }

            var rssEnd = servers.Sum(s => s.RssBytes());
            var usage = servers.Count > 0 ? new ServerUsage(cpuEnd - cpuStart, rssBefore, rssConnected, rssEnd) : null;
            var report = new BenchReport(options, result, usage) { Idle = idle, Memory = samples, LoadAverageStart = loadStart, LoadAverageEnd = BenchJson.LoadAverage() };
            Console.WriteLine(report.ToString(CultureInfo.InvariantCulture));
            if (options.Json is { } json)
            {
                await new BenchJson(startedAt, BenchJson.CurrentCommit(), loadStart, report.LoadAverageEnd, string.Join(' ', args), options, result, usage, idle, samples)
                    .WriteAsync(json, cancel.Token);
                Console.WriteLine($"Wrote {json}");
            }

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
    }
}
