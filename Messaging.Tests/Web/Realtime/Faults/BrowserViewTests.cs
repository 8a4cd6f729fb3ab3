using Messaging.Bench.Faults;

namespace Messaging.Tests.Web.Realtime.Faults;

/// <summary>The checker's reading of a browser tab can fail: a tab that shows a message twice, out of order, or skips one is reported.</summary>
public sealed class BrowserViewTests
{
    private static readonly Guid Conversation = Guid.NewGuid();
    private static readonly Guid Sender = Guid.NewGuid();

    [Fact]
    public void CheckBrowser_TabShowingTheNewestMessagesInOrder_HasNoViolation()
    {
        var history = History(5);
        var view = new BrowserView(Conversation);

        view.Saw(Rows(history, 1, 3));
        view.Saw(Rows(history, 2, 5));

        Assert.Empty(HistoryChecker.CheckBrowser(history, view, client: 1));
        Assert.True(view.Converged(history));
    }

    [Fact]
    public void CheckBrowser_MessageShownTwiceOrOutOfOrder_IsReported()
    {
        var history = History(3);
        var view = new BrowserView(Conversation);

        view.Saw([(history[0].Id, 1), (history[2].Id, 3), (history[1].Id, 2), (history[2].Id, 3)]);

        var violations = HistoryChecker.CheckBrowser(history, view, client: 4).ToList();
        Assert.Contains(violations, v => v.Kind == "browser-duplicate" && v.Client == 4);
        Assert.Contains(violations, v => v.Kind == "browser-order");
    }

    [Fact]
    public void CheckBrowser_HoleNeverFilled_IsMissingAndStale_ButMessagesScrolledPastWhileAwayAreNot()
    {
        var history = History(10);
        var view = new BrowserView(Conversation);

        view.Saw(Rows(history, 1, 2));
        // Away while 3..7 arrived; back on the newest page, where 9 never shows.
        view.Saw([(history[7].Id, 8), (history[9].Id, 10)]);

        var violations = HistoryChecker.CheckBrowser(history, view, client: 2).ToList();
        var missing = Assert.Single(violations, v => v.Kind == "browser-missing");
        Assert.Equal(9, missing.Sequence);
        Assert.Contains(violations, v => v.Kind == "browser-stale");
        Assert.False(view.Converged(history));
    }

    private static List<HeldMessage> History(int count) =>
        [.. Enumerable.Range(1, count).Select(s => new HeldMessage(Guid.NewGuid(), s, Sender, $"m{s}", 0))];

    private static List<(Guid, long)> Rows(List<HeldMessage> history, int from, int to) =>
        [.. history.Where(m => m.Sequence >= from && m.Sequence <= to).Select(m => (m.Id, m.Sequence))];
}
