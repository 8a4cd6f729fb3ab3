using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging.Bench.Faults;

/// <summary>What the checker reads at the end: the server's history, and how long each fault took to heal.</summary>
public sealed partial class FaultRun
{
    /// <summary>
    /// How long after the fault was over every affected client held every message acknowledged by then (in its
    /// conversations); null if one never arrived (the checker reports it).
    /// </summary>
    private TimeSpan? ConvergedAfter(FaultEvent fault)
    {
        var recoveredAt = runStartedAt + (long)(fault.Recovered.TotalSeconds * Stopwatch.Frequency);
        var acknowledged = sends.All.Where(s => s.AcknowledgedAt is { } at && at <= recoveredAt && s.MessageId is not null).ToList();
        var worst = TimeSpan.Zero;
        foreach (var client in fault.Clients)
        {
            foreach (var conversation in client.Conversations)
            {
                var view = client.View(conversation.Id);
                foreach (var send in acknowledged.Where(s => s.ConversationId == conversation.Id))
                {
                    if (view.HeldSince(send.MessageId!.Value) is not { } held)
                    {
                        return null;
                    }

                    var after = Stopwatch.GetElapsedTime(recoveredAt, held);
                    if (after > worst)
                    {
                        worst = after;
                    }
                }
            }
        }

        return worst;
    }

    /// <summary>
    /// How long after the fault was over every affected tab showed the newest message of its conversation acknowledged
    /// by then (older ones may have scrolled past while the tab was away); null when the fault touched no tab,
    /// <see cref="Timeout.InfiniteTimeSpan"/> when one never showed it.
    /// </summary>
    private TimeSpan? BrowsersConvergedAfter(FaultEvent fault)
    {
        if (fault.Browsers.Count == 0)
        {
            return null;
        }

        var recoveredAt = runStartedAt + (long)(fault.Recovered.TotalSeconds * Stopwatch.Frequency);
        var worst = TimeSpan.Zero;
        foreach (var browser in fault.Browsers)
        {
            var newest = sends.All
                .Where(s => s.ConversationId == browser.Conversation.Id && s.AcknowledgedAt is { } at && at <= recoveredAt && s.MessageId is not null)
                .MaxBy(s => s.Sequence);
            if (newest is null)
            {
                continue;
            }

            if (browser.View.FirstShown(newest.MessageId!.Value) is not { } shown)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var after = Stopwatch.GetElapsedTime(recoveredAt, shown);
            worst = after > worst ? after : worst;
        }

        return worst;
    }

    /// <summary>The server's history of each conversation, read by its first participant, oldest first.</summary>
    private static async Task<Dictionary<Guid, IReadOnlyList<HeldMessage>>> HistoryAsync(
        HttpClient http, IReadOnlyList<BenchConversation> conversations, IReadOnlyList<Uri> nodes, CancellationToken cancellationToken)
    {
        var history = new Dictionary<Guid, IReadOnlyList<HeldMessage>>();
        foreach (var conversation in conversations)
        {
            var messages = new List<HeldMessage>();
            var reader = conversation.Participants[0];
            while (true)
            {
                var after = messages.Count > 0 ? messages[^1].Sequence : 0;
                using var request = Scenario.Request(HttpMethod.Get, nodes[0],
                    string.Create(CultureInfo.InvariantCulture, $"/api/v1/messaging/conversations/{conversation.Id}/messages?after_sequence={after}&limit=100"), reader.AccessToken);
                using var response = await http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                messages.AddRange(page.EnumerateArray().Select(m => new HeldMessage(
                    m.GetProperty("id").GetGuid(), m.GetProperty("sequence").GetInt64(), m.GetProperty("sender_id").GetGuid(),
                    m.TryGetProperty("client_message_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null, 0)));
                if (page.GetArrayLength() < 100)
                {
                    break;
                }
            }

            history[conversation.Id] = messages;
        }

        return history;
    }
}
