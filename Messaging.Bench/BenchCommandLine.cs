using System.Globalization;
using System.Text.Json.Serialization;

namespace Messaging.Bench;

/// <summary>
/// <c>[--scenario mixed|direct|group|idle] --users 200 --rate 1000 --duration 30 [--soak MINUTES] [--interval SECONDS]
/// [--messages N] [--warmup 300] [--provider sqlite|postgres --postgres CONN] [--nodes 2 --redis HOST:PORT]
/// [--gc server|workstation] [--gc-conserve 0-9] [--json FILE] [--url http://host:port --admin-email E --admin-password P]
/// [--server-dll PATH] [--start-timeout SECONDS] [--group-commit on|off]</c>; <c>--scenario idle [--browser-circuits N] [--chromium PATH] [--heap-dump DIR]</c> adds signed-in Blazor circuits; <c>--scenario circuits --circuits 50 --messages 100</c> measures the Blazor circuit path in process;
/// <c>--scenario search [--messages 1000000] [--conversations 10000] [--keep | --reuse PATH] [--provider postgres --postgres CONN]</c> times search (<see cref="SearchBench"/>);
/// <c>--scenario faults</c> (or <c>--faults</c>) <c>[--users 12 --rate 12 --duration 60 --kills 2 --restarts 0 --client-faults 3
/// --nodes 2 --redis-outages 1 --postgres-restarts 1 --browsers 3 --chromium /usr/bin/chromium --seed 16]</c> checks delivery under faults (docs/reliability.md).
/// </summary>
public sealed record BenchCommandLine
{
    public int Users { get; init; } = 200;
    public double Rate { get; init; } = 1000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public int? Messages { get; init; }
    public int Warmup { get; init; } = 300;
    public string Provider { get; init; } = "Sqlite";
    public string? Postgres { get; init; }
    public int Nodes { get; init; } = 1;
    public string? Redis { get; init; }
    public Uri? Url { get; init; }
    public string? ServerDll { get; init; }
    public string AdminEmail { get; init; } = "bench-admin@bench.local";
    [JsonIgnore] // never in a --json result someone shares
    public string AdminPassword { get; init; } = "bench-admin-password-1";

    /// <summary>"mixed" (default; "hub" is its old name), "direct", "group", "idle", or "circuits" (<see cref="CircuitBench"/>, in process).</summary>
    public string Scenario { get; init; } = "mixed";

    /// <summary>The conversations of a hub scenario.</summary>
    public ScenarioShape Shape => Scenario switch
    {
        "direct" => ScenarioShape.Direct,
        "group" => ScenarioShape.Group,
        "idle" => ScenarioShape.Idle,
        _ => ScenarioShape.Mixed,
    };

    /// <summary>Latency and server memory are reported per interval of the load (a soak uses minutes).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Set by <c>--soak MINUTES</c>: the load lasts that long and the per-interval table is printed.</summary>
    public bool Soak { get; init; }

    /// <summary>Where to write the machine-readable result (<see cref="BenchJson"/>).</summary>
    public string? Json { get; init; }

    /// <summary>The child server's garbage collector: "server" (the product's default, Web SDK) or "workstation".</summary>
    public string Gc { get; init; } = "server";

    /// <summary><c>DOTNET_GCConserveMemory</c> for the child server (0 = off, the default).</summary>
    public int GcConserve { get; init; }

    /// <summary>Idle scenario: how long the connected clients stay idle before the memory is read.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Idle scenario: signed-in Blazor circuits (headless Chromium pages) opened after the hub clients were measured,
    /// then measured the same way (0 = none).
    /// </summary>
    public int BrowserCircuits { get; init; }

    /// <summary>
    /// <c>--heap-dump DIR</c>: the idle scenario with circuits writes a heap dump of the (single) server after each
    /// forced collection it measures (warm-up circuits, all circuits) with <c>dotnet-dump collect</c>, for a per-type
    /// diff with <c>dotnet-dump analyze … dumpheap -stat</c> (docs/performance.md).
    /// </summary>
    public string? HeapDump { get; init; }

    /// <summary>
    /// Hub scenarios: how long the bench waits without a new delivery after the last send before it counts the missing
    /// ones as lost (a starved machine delivers late; raise it to tell late from lost).
    /// </summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);


    /// <summary>Conversations the messages are spread over for <c>--scenario search</c>.</summary>
    public int Conversations { get; init; } = 10_000;

    /// <summary><c>--keep</c>: <c>--scenario search</c> leaves its generated database behind (for EXPLAIN work) and prints where.</summary>
    public bool Keep { get; init; }

    /// <summary>
    /// <c>--reuse PATH|DATABASE</c>: <c>--scenario search</c> measures a database an earlier <c>--keep</c> run left (a SQLite
    /// file, or a PostgreSQL database name) instead of generating one; pending migrations are applied first. Implies <c>--keep</c>.
    /// </summary>
    public string? Reuse { get; init; }

    /// <summary>How long each child server may take to answer <c>/health/ready</c> (a loaded machine needs more than 60 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>Messaging:Database:GroupCommit</c> of the child servers (ADR 0030, 0038): null leaves the server's default (on);
    /// off is "before" in a before/after comparison.
    /// </summary>
    public bool? GroupCommit { get; init; }

    /// <summary>Circuits (browser tabs) for <c>--scenario circuits</c>.</summary>
    public int Circuits { get; init; } = 50;

    /// <summary>Faults scenario: SIGKILLs of a node, each followed by a restart on the same data.</summary>
    public int Kills { get; init; } = 2;

    /// <summary>Faults scenario: graceful restarts (SIGTERM) of a node.</summary>
    public int Restarts { get; init; }

    /// <summary>Faults scenario: a random client drops its connection this often (0 = never).</summary>
    public TimeSpan ClientFaultEvery { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Faults scenario with two nodes: stops and starts of the checker's private Redis.</summary>
    public int RedisOutages { get; init; } = 1;

    /// <summary>Faults scenario with two nodes: restarts of the checker's private PostgreSQL cluster.</summary>
    public int PostgresRestarts { get; init; } = 1;

    /// <summary>Faults scenario: the seed of its random choices (which client, which conversation, how long away).</summary>
    public int Seed { get; init; } = 16;

    /// <summary>Faults scenario: Blazor circuits (headless Chromium tabs) checked like the SignalR clients.</summary>
    public int Browsers { get; init; } = 3;

    /// <summary>The Chromium (never downloaded) of the idle scenario's circuits and the faults scenario's tabs.</summary>
    public string Chromium { get; init; } = Environment.GetEnvironmentVariable("MESSAGING_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static BenchCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new BenchCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--users" => options with { Users = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--warmup" => options with { Warmup = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--messages" => options with { Messages = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--provider" => options with { Provider = Next().Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite" },
                "--postgres" => options with { Postgres = Next(), Provider = "Postgres" },
                "--nodes" => options with { Nodes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--redis" => options with { Redis = Next() },
                "--url" => options with { Url = new Uri(Next()) },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(Next()) },
                "--admin-email" => options with { AdminEmail = Next() },
                "--admin-password" => options with { AdminPassword = Next() },
                "--scenario" => options with { Scenario = Next().ToLowerInvariant() },
                "--conversations" => options with { Conversations = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--keep" => options with { Keep = true },
                "--reuse" => options with { Reuse = Next(), Keep = true },
                "--circuits" => options with { Circuits = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--soak" => options with { Soak = true, Duration = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--interval" => options with { Interval = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--json" => options with { Json = Path.GetFullPath(Next()) },
                "--gc" => options with { Gc = Next().ToLowerInvariant() },
                "--gc-conserve" => options with { GcConserve = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--group-commit" => options with { GroupCommit = Next().ToLowerInvariant() switch { "on" or "true" => true, "off" or "false" => false, var v => throw new ArgumentException($"--group-commit is on or off, not {v}.") } },
                "--start-timeout" => options with { StartTimeout = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--faults" => options with { Scenario = "faults" },
                "--kills" => options with { Kills = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--restarts" => options with { Restarts = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--client-faults" => options with { ClientFaultEvery = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--redis-outages" => options with { RedisOutages = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--postgres-restarts" => options with { PostgresRestarts = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--browsers" => options with { Browsers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--chromium" => options with { Chromium = Next() },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--browser-circuits" => options with { BrowserCircuits = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--heap-dump" => options with { HeapDump = Path.GetFullPath(Next()) },
                "--drain" => options with { Drain = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--settle" => options with { Settle = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Scenario is not ("mixed" or "hub" or "direct" or "group" or "idle" or "circuits" or "search" or "faults"))
        {
            throw new ArgumentException($"Unknown scenario {options.Scenario}: mixed, direct, group, idle, circuits, search or faults.");
        }

        if (options.StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("--start-timeout is a positive number of seconds.");
        }

        if (options.Scenario == "faults")
        {
            // Its own PostgreSQL and Redis for two nodes (it stops them): never an outside server.
            return options.Postgres is not null || options.Redis is not null || options.Url is not null
                ? throw new ArgumentException("--scenario faults starts its own nodes, PostgreSQL and Redis: no --postgres, --redis or --url.")
                : options;
        }

        if (options.BrowserCircuits > 0 && (options.Scenario != "idle" || options.BrowserCircuits > options.Users))
        {
            throw new ArgumentException("--browser-circuits belongs to --scenario idle and is at most --users (each circuit signs in as one of them).");
        }

        if (options.Gc is not ("server" or "workstation"))
        {
            throw new ArgumentException("--gc is server or workstation.");
        }

        if (options.Nodes > 1 && options.Redis is null)
        {
            throw new ArgumentException("--nodes above 1 needs --redis.");
        }

        if (options.Provider == "Postgres" && options.Postgres is null && options.Url is null)
        {
            throw new ArgumentException("--provider postgres needs --postgres \"<connection string>\".");
        }

        if (options.Nodes > 1 && options.Provider != "Postgres")
        {
            throw new ArgumentException("--nodes above 1 needs PostgreSQL (nodes share one database).");
        }

        return options;
    }
}
