using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Messaging.Bench.Faults;

/// <summary>
/// One Blazor circuit: a headless Chromium tab, signed in through the sign-in form, with one conversation open. It does
/// what a person's tab does and nothing more: the circuit gets live events, reloads after a lost circuit (Blazor's own
/// reconnection, or the page opened again when the node stays unreachable). What it shows is read from the DOM every
/// half second (<see cref="BrowserView"/>): the message log is virtualised, so each read is a window of the newest
/// messages, and the checker compares those windows with the server's history.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source lives as long as the run, like FaultClient's.")]
internal sealed class BrowserClient(int number, BenchUser user, BenchConversation conversation, IReadOnlyList<Uri> nodes, IBrowser browser, Action<string> log)
    : IFaultTarget
{
    // Every message row of the log in DOM order, with its id and sequence (system messages included).
    private const string ReadLog =
        "() => Array.from(document.querySelectorAll('[data-testid=message-log] [data-message-id][data-sequence]'))" +
        ".map(e => [e.getAttribute('data-message-id'), Number(e.getAttribute('data-sequence'))])";

    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private IBrowserContext? context;
    private IPage? page;
    private Task? watching;
    private bool paused;
    private int circuits;
    private long circuitLostAt;
    private long emptySince;
    private int node = user.Index % nodes.Count;

    public BenchUser User => user;

    public BenchConversation Conversation => conversation;

    public BrowserView View { get; } = new(conversation.Id);

    public string Name => $"browser {number} (user {user.Index})";

    /// <summary>Page loads, the first one included (each is a new circuit).</summary>
    public int Loads { get; private set; }

    /// <summary>Times the watchdog had to open the conversation again: a page that did not come back by itself (ADR 0047).</summary>
    public int Rescues { get; private set; }

    public async Task StartAsync()
    {
        context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            // Tall, so the virtualised log renders some sixty of the newest messages at once.
            ViewportSize = new ViewportSize { Width = 1280, Height = 4000 },
            Locale = "en",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        page = await context.NewPageAsync();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref circuits);
                socket.Close += (_, _) =>
                {
                    if (Interlocked.Decrement(ref circuits) == 0)
                    {
                        Interlocked.Exchange(ref circuitLostAt, Stopwatch.GetTimestamp());
                    }
                };
            }
        };
        await page.GotoAsync(new Uri(Node, "/account/login").ToString());
        await page.FillAsync("#email", user.Email);
        await page.FillAsync("#password", Scenario.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await OpenAsync();
        watching = WatchAsync();
    }

    /// <summary>A fault: the person leaves the page (the circuit is disposed) until <see cref="ReconnectAsync"/>.</summary>
    public async Task DisconnectAsync()
    {
        lock (gate)
        {
            paused = true;
        }

        await TryAsync(() => page!.GotoAsync("about:blank"));
    }

    public async Task ReconnectAsync()
    {
        lock (gate)
        {
            paused = false;
        }

        await TryAsync(OpenAsync);
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        if (watching is not null)
        {
            await watching;
        }

        if (context is not null)
        {
            await context.DisposeAsync();
            context = null;
        }
    }

    /// <summary>Reads what the tab shows now into <see cref="View"/>.</summary>
    public async Task ReadAsync()
    {
        try
        {
            var rows = await page!.EvaluateAsync<JsonElement>(ReadLog);
            var window = rows.EnumerateArray().Select(r => (r[0].GetGuid(), r[1].GetInt64())).ToList();
            if (window.Count == 0 && View.Window.Count > 0)
            {
                log($"{Name}: the tab shows no message now, at {page.Url}");
            }

            View.Saw(window);
        }
        catch (PlaywrightException)
        {
            // Navigating (a reload after a lost circuit): nothing to read this time.
        }
    }

    private Uri Node => nodes[Volatile.Read(ref node) % nodes.Count];

    private async Task OpenAsync()
    {
        Loads++;
        await page!.GotoAsync(new Uri(Node, $"/conversations/{conversation.Id}").ToString());
        await page.Locator("[data-testid=message-log][data-ready=true]").WaitForAsync();
    }

    /// <summary>
    /// Reads the tab every half second; when it has had no circuit for a while (the node is gone and Blazor's own
    /// reconnection gave up, or the reload landed on an error page) it opens the conversation again, on the next node.
    /// </summary>
    private async Task WatchAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(500, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            bool away;
            lock (gate)
            {
                away = paused;
            }

            if (away)
            {
                continue;
            }

            await ReadAsync();
            if (View.Window.Count > 0)
            {
                emptySince = 0;
            }
            else if (emptySince == 0)
            {
                emptySince = Stopwatch.GetTimestamp();
            }

            // No circuit (a failed reconnection attempt may never report its socket closed), or a page that shows no
            // message at all (an error page after a reload while the node was down): open the conversation again.
            var lostAt = Interlocked.Read(ref circuitLostAt);
            var noCircuit = Volatile.Read(ref circuits) == 0 && lostAt != 0 && Stopwatch.GetElapsedTime(lostAt) > TimeSpan.FromSeconds(20);
            var blank = emptySince != 0 && Stopwatch.GetElapsedTime(emptySince) > TimeSpan.FromSeconds(20);
            if (noCircuit || blank)
            {
                emptySince = 0;
                Interlocked.Exchange(ref circuitLostAt, Stopwatch.GetTimestamp());
                if (nodes.Count > 1)
                {
                    Interlocked.Increment(ref node);
                }

                Rescues++;
                log($"{Name}: {(blank ? "no message shown" : "no circuit")} for 20 s, opening the conversation again on {Node}");
                await TryAsync(OpenAsync);
            }
        }
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The node is down: the watchdog opens the page again later.
            Interlocked.Exchange(ref circuitLostAt, Stopwatch.GetTimestamp());
        }
    }
}
