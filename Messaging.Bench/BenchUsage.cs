using System.Globalization;

namespace Messaging.Bench;

/// <summary>
/// The command line as a person meets it: <c>--help</c> (or <c>-h</c>) lists every option, one line each, and exits 0;
/// a wrong command line says what is wrong and points to <c>--help</c>, exit 2, instead of a stack trace.
/// </summary>
public static class BenchUsage
{
    /// <summary>The exit code of a command line the bench cannot run.</summary>
    public const int WrongCommandLine = 2;

    /// <summary>Every option <see cref="BenchCommandLine.Parse"/> accepts, with what it means (docs/performance.md).</summary>
    public static readonly IReadOnlyList<(string Option, string Meaning)> Options =
    [
        ("--scenario NAME", "mixed (default), direct, group, idle, circuits, search or faults"),
        ("--users N", "users, each with one SignalR connection (default 200)"),
        ("--rate N", "offered load in messages per second, open loop (default 1000)"),
        ("--duration SECONDS", "how long the load lasts (default 30)"),
        ("--soak MINUTES", "a soak: the load lasts this many minutes, latency and memory per interval"),
        ("--interval SECONDS", "the per-interval table's interval (default 60)"),
        ("--messages N", "stop after N messages (search: how many messages to generate, default 1000000)"),
        ("--warmup N", "unmeasured messages sent before the load (default 300)"),
        ("--drain SECONDS", "wait this long without a new delivery before counting the missing as lost (default 10)"),
        ("--settle SECONDS", "idle: how long the clients stay idle before memory is read (default 5)"),
        ("--provider sqlite|postgres", "the child servers' database (default sqlite)"),
        ("--postgres CONN", "PostgreSQL connection string (implies --provider postgres)"),
        ("--nodes N", "child server nodes (default 1; more need --redis and PostgreSQL)"),
        ("--redis HOST:PORT", "Redis shared by the nodes"),
        ("--group-commit on|off", "Messaging:Database:GroupCommit of the child servers (default: the server's, on)"),
        ("--gc server|workstation", "the child servers' garbage collector (default server)"),
        ("--gc-conserve 0-9", "DOTNET_GCConserveMemory of the child servers (default 0, off)"),
        ("--start-timeout SECONDS", "how long each child server may take to answer /health/ready (default 60)"),
        ("--server-dll PATH", "drive this Messaging.Web.dll instead of the one built beside the bench"),
        ("--url URL", "an existing installation instead of child servers (with --admin-email, --admin-password)"),
        ("--admin-email EMAIL", "the administrator the bench verifies its users with"),
        ("--admin-password PASSWORD", "that administrator's password"),
        ("--json FILE", "write the options, load averages, result and memory samples as JSON"),
        ("--browser-circuits N", "idle: also open N signed-in Blazor circuits in headless Chromium"),
        ("--heap-dump DIR", "idle with circuits: a heap dump of the server after each forced collection (dotnet-dump)"),
        ("--chromium PATH", "the Chromium to drive, never downloaded (default $MESSAGING_TEST_CHROMIUM or /usr/bin/chromium)"),
        ("--circuits N", "circuits: browser tabs measured in process (default 50)"),
        ("--conversations N", "search: conversations the messages are spread over (default 10000)"),
        ("--keep", "search: keep the generated database and print where it is"),
        ("--reuse PATH|DATABASE", "search: measure a database an earlier --keep run left instead of generating one"),
        ("--faults", "the same as --scenario faults"),
        ("--kills N", "faults: SIGKILLs of a node, each followed by a restart (default 2)"),
        ("--restarts N", "faults: graceful restarts of a node (default 0)"),
        ("--client-faults SECONDS", "faults: a random client drops its connection this often (default 3; 0 never)"),
        ("--redis-outages N", "faults, two nodes: stops and starts of the private Redis (default 1)"),
        ("--postgres-restarts N", "faults, two nodes: restarts of the private PostgreSQL (default 1)"),
        ("--browsers N", "faults: Blazor circuits checked like the SignalR clients (default 3)"),
        ("--seed N", "faults: the seed of its random choices (default 16)"),
        ("--help, -h", "this list"),
    ];

    /// <summary>What <c>--help</c> prints.</summary>
    public static string Text()
    {
        var width = Options.Max(o => o.Option.Length) + 2;
        var lines = new List<string> { "Usage: dotnet Messaging.Bench.dll [options]   (docs/performance.md, \"The benchmark\")", "", "Options:" };
        lines.AddRange(Options.Select(o => "  " + o.Option.PadRight(width) + o.Meaning));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The options to run with, or null when the bench should stop at once with <paramref name="exitCode"/>: 0 after
    /// <c>--help</c>, <see cref="WrongCommandLine"/> after a command line it cannot run.
    /// </summary>
    public static BenchCommandLine? Read(IReadOnlyList<string> args, TextWriter output, TextWriter error, out int exitCode)
    {
        exitCode = 0;
        if (args.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Text());
            return null;
        }

        try
        {
            return BenchCommandLine.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Messaging.Bench: {e.Message} See --help."));
            exitCode = WrongCommandLine;
            return null;
        }
    }
}
