using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging.Bench.Faults;

/// <summary>Merging and catching up: a gap below a message, or a <c>ready</c>, reads what follows by <c>after_sequence</c>.</summary>
internal sealed partial class FaultClient
{
    /// <summary>Merges a message from any source; a gap below it means something was missed: catch up.</summary>
    private void Apply(Guid conversationId, JsonElement message)
    {
        var clientMessageId = message.TryGetProperty("client_message_id", out var cmid) && cmid.ValueKind == JsonValueKind.String ? cmid.GetString() : null;
        if (views[conversationId].Merge(message.GetProperty("id").GetGuid(), message.GetProperty("sequence").GetInt64(), message.GetProperty("sender_id").GetGuid(), clientMessageId))
        {
            Interlocked.Increment(ref gaps);
            RequestCatchUp(conversationId);
        }
    }

    /// <summary>At most one catch-up per conversation at a time; a request during one runs another after it.</summary>
    private void RequestCatchUp(Guid conversationId)
    {
        var state = catchUps[conversationId];
        lock (state)
        {
            if (state.Running)
            {
                state.Pending = true;
                return;
            }

            state.Running = true;
        }

        _ = Task.Run(async () =>
        {
            while (true)
            {
                lock (state)
                {
                    state.Pending = false;
                }

                await CatchUpAsync(views[conversationId]);
                lock (state)
                {
                    if (!state.Pending || stopping.IsCancellationRequested)
                    {
                        state.Running = false;
                        return;
                    }
                }
            }
        });
    }

    private async Task CatchUpAsync(ConversationView view)
    {
        const int Limit = 100;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var after = view.Contiguous;
                using var request = Scenario.Request(HttpMethod.Get, Node,
                    string.Create(CultureInfo.InvariantCulture, $"/api/v1/messaging/conversations/{view.ConversationId}/messages?after_sequence={after}&limit={Limit}"), user.AccessToken);
                using var response = await http.SendAsync(request, stopping.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref catchUpPages);
                    var page = await response.Content.ReadFromJsonAsync<JsonElement>(stopping.Token);
                    foreach (var message in page.EnumerateArray())
                    {
                        view.Merge(message.GetProperty("id").GetGuid(), message.GetProperty("sequence").GetInt64(), message.GetProperty("sender_id").GetGuid(),
                            message.TryGetProperty("client_message_id", out var cmid) && cmid.ValueKind == JsonValueKind.String ? cmid.GetString() : null);
                    }

                    if (page.GetArrayLength() < Limit)
                    {
                        return;
                    }

                    continue;
                }

                if (!Retryable(response.StatusCode))
                {
                    log($"Catch-up of {view.ConversationId} by client {user.Index} refused: {(int)response.StatusCode}");
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !stopping.IsCancellationRequested))
            {
                // Down or slow: again, maybe on another node.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            NextNode();
            await Pause(TimeSpan.FromMilliseconds(250));
        }
    }

    private sealed class CatchUpState
    {
        public bool Running { get; set; }
        public bool Pending { get; set; }
    }
}
