using Messaging.Bench;
using Messaging.Bench.Faults;
using Messaging.Tests.TestInfrastructure;
using Xunit.Abstractions;

namespace Messaging.Tests.Web.Realtime.Faults;

/// <summary>
/// The short version of <c>Messaging.Bench --scenario faults</c> (docs/reliability.md): one node on SQLite as a child
/// process, clients (and two Blazor circuits in headless Chromium) leaving and coming back within and past the presence
/// grace, one SIGKILL and restart on the same data; then every client's view and every tab's DOM must equal the
/// server's history.
/// </summary>
public sealed class FaultsCheckerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_ClientFaultsAndOneSigkillOnSqlite_EveryClientHoldsTheWholeHistoryOnce()
    {
        var options = BenchCommandLine.Parse(["--faults", "--users", "6", "--rate", "6", "--duration", "24", "--kills", "1", "--client-faults", "2.5", "--browsers", "2", "--chromium", TestServices.RequireChromium()]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var result = await FaultsCommand.CheckAsync(options, output.WriteLine, timeout.Token);

        output.WriteLine(result.ToString());
        Assert.Empty(result.Violations);
        Assert.NotNull(result.FinalConvergence);
        Assert.Contains(result.Faults, f => f.Kind == "node-sigkill");
        Assert.Contains(result.Faults, f => f.Kind == "client-away-within-grace");
        Assert.Contains(result.Faults, f => f.Kind == "client-away-past-grace");
        Assert.True(result.Acknowledged >= 10, $"Only {result.Acknowledged} sends were acknowledged.");
        Assert.Equal(result.Sends, result.Acknowledged);
        Assert.Equal(2, result.Browsers);
        Assert.Contains(result.Faults, f => f.Kind == "node-sigkill" && f.BrowsersConvergedAfter is { } t && t >= TimeSpan.Zero);
    }
}

/// <summary>The checker's own parts can fail: a view that misses, repeats or reorders is reported.</summary>
public sealed class HistoryCheckerTests
{
    private static readonly Guid Conversation = Guid.NewGuid();
    private static readonly Guid Sender = Guid.NewGuid();

    [Fact]
    public void Merge_MessagePastTheNextSequence_IsAGap()
    {
        var view = new ConversationView(Conversation);

        Assert.False(view.Merge(Guid.NewGuid(), 1, Sender, "a"));
        Assert.True(view.Merge(Guid.NewGuid(), 3, Sender, "c"));
        Assert.Equal(1, view.Contiguous);
        Assert.False(view.Merge(Guid.NewGuid(), 2, Sender, "b"));
        Assert.Equal(3, view.Contiguous);
    }

    [Fact]
    public void Merge_AnotherMessageAtAHeldSequence_IsAConflict()
    {
        var view = new ConversationView(Conversation);
        var id = Guid.NewGuid();
        view.Merge(id, 1, Sender, "a");

        view.Merge(id, 1, Sender, "a");
        view.Merge(Guid.NewGuid(), 1, Sender, "b");

        Assert.Single(view.Conflicts);
    }

    [Fact]
    public void Compare_ViewMissingOneAndHoldingAnotherOutOfPlace_ReportsBothWithSequenceAndClient()
    {
        var history = new[] { Held(1), Held(2), Held(3) };
        var view = new[] { history[0], history[2] with { Sequence = 2 } };

        var violations = HistoryChecker.Compare(Conversation, history, view, client: 7).ToList();

        Assert.Contains(violations, v => v.Kind == "order" && v.Sequence == 2 && v.Client == 7);
        Assert.Contains(violations, v => v.Kind == "missing" && v.Sequence == 3 && v.Client == 7);
    }

    private static HeldMessage Held(long sequence) => new(Guid.NewGuid(), sequence, Sender, $"m{sequence}", 0);
}
