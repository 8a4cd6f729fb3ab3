using System.Diagnostics;

namespace Messaging.Bench.Faults;

/// <summary>
/// What one browser tab showed of its conversation over the run: every message it ever showed (with the sequence it
/// showed and when it first did), the last window read, and what no window may ever show (a message twice, messages out
/// of sequence order). The log is virtualised, so a window is the newest part of the conversation, not all of it.
/// </summary>
internal sealed class BrowserView(Guid conversationId)
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, (long Sequence, long FirstShown)> shown = [];
    private readonly List<string> broken = [];
    private IReadOnlyList<(Guid Id, long Sequence)> window = [];
    private readonly List<(long From, long To)> spans = [];

    public Guid ConversationId { get; } = conversationId;

    /// <summary>The last window read, in DOM order.</summary>
    public IReadOnlyList<(Guid Id, long Sequence)> Window
    {
        get
        {
            lock (gate)
            {
                return window;
            }
        }
    }

    /// <summary>What a window showed that no tab may show: a message twice, or out of order; with the sequence.</summary>
    public IReadOnlyList<string> Broken
    {
        get
        {
            lock (gate)
            {
                return [.. broken];
            }
        }
    }

    /// <summary>
    /// Whether some window spanned <paramref name="sequence"/> (from its first row to its last): a message there that
    /// was never shown is a hole. Messages that arrived and scrolled past while the tab was away were never spanned.
    /// </summary>
    public bool Spanned(long sequence)
    {
        lock (gate)
        {
            return spans.Any(s => s.From <= sequence && sequence <= s.To);
        }
    }

    /// <summary>Records one read of the tab (rows in DOM order).</summary>
    public void Saw(IReadOnlyList<(Guid Id, long Sequence)> rows)
    {
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            window = rows;
            if (rows.Count == 0)
            {
                return;
            }

            var (from, to) = (rows[0].Sequence, rows[^1].Sequence);
            if (spans.Count > 0 && from <= spans[^1].To + 1 && from >= spans[^1].From)
            {
                spans[^1] = (spans[^1].From, Math.Max(to, spans[^1].To));
            }
            else
            {
                spans.Add((from, to));
            }

            var inWindow = new HashSet<Guid>();
            for (var i = 0; i < rows.Count; i++)
            {
                var (id, sequence) = rows[i];
                if (!inWindow.Add(id))
                {
                    Break($"duplicate at sequence {sequence}: message {id} shown twice at once");
                }

                if (i > 0 && sequence <= rows[i - 1].Sequence)
                {
                    Break($"order at sequence {sequence}: shown after sequence {rows[i - 1].Sequence}");
                }

                if (shown.TryGetValue(id, out var before))
                {
                    if (before.Sequence != sequence)
                    {
                        Break($"conflict at sequence {sequence}: message {id} shown earlier at sequence {before.Sequence}");
                    }
                }
                else
                {
                    shown[id] = (sequence, now);
                }
            }
        }
    }

    /// <summary>When the tab first showed <paramref name="id"/> (a Stopwatch timestamp), or null.</summary>
    public long? FirstShown(Guid id)
    {
        lock (gate)
        {
            return shown.TryGetValue(id, out var s) ? s.FirstShown : null;
        }
    }

    public IReadOnlyDictionary<Guid, long> ShownSequences()
    {
        lock (gate)
        {
            return shown.ToDictionary(p => p.Key, p => p.Value.Sequence);
        }
    }

    /// <summary>True when the window ends at the newest message and holds, without a hole, the history's messages.</summary>
    public bool Converged(IReadOnlyList<HeldMessage> history)
    {
        var rows = Window;
        if (history.Count == 0 || rows.Count == 0 || rows[^1].Id != history[^1].Id)
        {
            return history.Count == 0 && rows.Count == 0;
        }

        var start = history.Count - rows.Count;
        return start >= 0 && rows.Select((r, i) => history[start + i].Id == r.Id && history[start + i].Sequence == r.Sequence).All(ok => ok);
    }

    private void Break(string what)
    {
        // One read of a broken window is enough to know; the same fault seen at every later read is not news.
        if (broken.Count < 20 && !broken.Contains(what))
        {
            broken.Add(what);
        }
    }
}
