namespace Messaging.Bench.Faults;

/// <summary>A broken promise, with where it shows: the conversation, the sequence and the client.</summary>
public sealed record Violation(string Kind, Guid ConversationId, long? Sequence, int? Client, string Detail)
{
    public override string ToString() =>
        $"{Kind}: conversation {ConversationId}{(Sequence is { } s ? $", sequence {s}" : "")}{(Client is { } c ? $", client {c}" : "")}: {Detail}";
}

/// <summary>
/// Compares, per conversation, the server's history with every acknowledged send and every client's view. The
/// promise: the history numbers messages 1..n without gaps and holds each client message id once; every acknowledged
/// message is in it where the acknowledgement said; every participant's client holds exactly that history (nothing
/// missing, nothing extra, nothing twice, the same message at each sequence, so the same order for everyone); and one
/// sender's messages keep the order in which it sent them.
/// </summary>
internal static class HistoryChecker
{
    public static List<Violation> Check(
        IReadOnlyDictionary<Guid, IReadOnlyList<HeldMessage>> history, IReadOnlyCollection<SendRecord> sends, IReadOnlyList<FaultClient> clients)
    {
        var violations = new List<Violation>();
        foreach (var (conversationId, messages) in history)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                if (messages[i].Sequence != i + 1)
                {
                    violations.Add(new("history-gap", conversationId, i + 1, null, $"the server's history has sequence {messages[i].Sequence} at position {i + 1}"));
                    break;
                }
            }

            foreach (var twice in messages.Where(m => m.ClientMessageId is not null).GroupBy(m => (m.SenderId, m.ClientMessageId)).Where(g => g.Count() > 1))
            {
                violations.Add(new("duplicate", conversationId, twice.Skip(1).First().Sequence, null,
                    $"client_message_id {twice.Key.ClientMessageId} stored {twice.Count()} times (sequences {string.Join(", ", twice.Select(m => m.Sequence))})"));
            }
        }

        foreach (var send in sends)
        {
            if (send.Refused is not null)
            {
                violations.Add(new("send-refused", send.ConversationId, null, null, $"{send.ClientMessageId}: {send.Refused}"));
            }

            if (send.MessageId is not { } id)
            {
                continue;
            }

            var stored = history.GetValueOrDefault(send.ConversationId, []).FirstOrDefault(m => m.Id == id);
            if (stored is null)
            {
                violations.Add(new("acknowledged-missing", send.ConversationId, send.Sequence, null, $"{send.ClientMessageId} (message {id}) is not in the server's history"));
            }
            else if (stored.Sequence != send.Sequence)
            {
                violations.Add(new("acknowledged-moved", send.ConversationId, send.Sequence, null, $"{send.ClientMessageId} acknowledged at sequence {send.Sequence}, stored at {stored.Sequence}"));
            }
        }

        foreach (var bySender in sends.Where(s => s.Sequence is not null).GroupBy(s => (s.SenderId, s.ConversationId)))
        {
            var inOrder = bySender.OrderBy(s => s.Ordinal).ToList();
            for (var i = 1; i < inOrder.Count; i++)
            {
                if (inOrder[i].Sequence < inOrder[i - 1].Sequence)
                {
                    violations.Add(new("sender-order", bySender.Key.ConversationId, inOrder[i].Sequence, null,
                        $"{inOrder[i].ClientMessageId} was sent after {inOrder[i - 1].ClientMessageId} but stored before it (sequence {inOrder[i - 1].Sequence})"));
                }
            }
        }

        foreach (var client in clients)
        {
            foreach (var conversation in client.Conversations)
            {
                var view = client.View(conversation.Id);
                violations.AddRange(view.Conflicts.Select(c => new Violation("conflict", conversation.Id, null, client.User.Index, c)));
                violations.AddRange(Compare(conversation.Id, history.GetValueOrDefault(conversation.Id, []), view.Snapshot(), client.User.Index));
            }
        }

        return violations;
    }

    /// <summary>Differences between the history and one client's view of it, at most a few per client and conversation.</summary>
    public static IEnumerable<Violation> Compare(Guid conversationId, IReadOnlyList<HeldMessage> history, IReadOnlyList<HeldMessage> view, int client)
    {
        var held = view.ToDictionary(m => m.Sequence);
        var stored = history.ToDictionary(m => m.Sequence);
        var found = 0;
        foreach (var message in history)
        {
            if (!held.TryGetValue(message.Sequence, out var mine))
            {
                yield return new("missing", conversationId, message.Sequence, client, $"message {message.Id} ({message.ClientMessageId ?? "no client id"}) never reached this client");
            }
            else if (mine.Id != message.Id)
            {
                yield return new("order", conversationId, message.Sequence, client, $"holds message {mine.Id} where the history has {message.Id}");
            }
            else
            {
                continue;
            }

            if (++found == 5)
            {
                yield break;
            }
        }

        foreach (var extra in view.Where(m => !stored.ContainsKey(m.Sequence)).Take(5))
        {
            yield return new("extra", conversationId, extra.Sequence, client, $"holds message {extra.Id}, which the history does not have");
        }
    }

    /// <summary>
    /// One browser tab against the history of its conversation: no window may ever show a message twice or out of
    /// order; every message a window spanned must have been shown, at its sequence; and at the end the tab shows the
    /// newest messages exactly as stored.
    /// </summary>
    public static IEnumerable<Violation> CheckBrowser(IReadOnlyList<HeldMessage> history, BrowserView view, int client)
    {
        foreach (var broken in view.Broken)
        {
            yield return new("browser-" + broken[..broken.IndexOf(' ', StringComparison.Ordinal)], view.ConversationId, null, client, broken);
        }

        var shown = view.ShownSequences();
        var found = 0;
        foreach (var message in history)
        {
            if (!shown.TryGetValue(message.Id, out var sequence) && view.Spanned(message.Sequence) && found++ < 5)
            {
                yield return new("browser-missing", view.ConversationId, message.Sequence, client, $"message {message.Id} ({message.ClientMessageId ?? "no client id"}) never shown though the tab showed messages around it");
            }
            else if (shown.ContainsKey(message.Id) && sequence != message.Sequence)
            {
                yield return new("browser-order", view.ConversationId, message.Sequence, client, $"message {message.Id} shown at sequence {sequence}");
            }
        }

        var stored = history.Select(m => m.Id).ToHashSet();
        foreach (var extra in shown.Keys.Where(id => !stored.Contains(id)).Take(5))
        {
            yield return new("browser-extra", view.ConversationId, shown[extra], client, $"shows message {extra}, which the history does not have");
        }

        if (!view.Converged(history))
        {
            var window = view.Window;
            yield return new("browser-stale", view.ConversationId, history.Count > 0 ? history[^1].Sequence : null, client,
                $"at the end the tab shows {window.Count} messages, sequences {(window.Count > 0 ? $"{window[0].Sequence}..{window[^1].Sequence}" : "none")}, not the newest {Math.Min(window.Count, history.Count)} of the history");
        }
    }

    /// <summary>True when every client holds exactly the history of each of its conversations.</summary>
    public static bool Converged(IReadOnlyDictionary<Guid, IReadOnlyList<HeldMessage>> history, IReadOnlyList<FaultClient> clients) =>
        clients.All(c => c.Conversations.All(conversation =>
        {
            var expected = history.GetValueOrDefault(conversation.Id, []);
            var view = c.View(conversation.Id).Snapshot();
            return view.Count == expected.Count && view.Zip(expected).All(p => p.First.Id == p.Second.Id && p.First.Sequence == p.Second.Sequence);
        }));
}
