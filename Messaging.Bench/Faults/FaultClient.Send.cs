using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging.Bench.Faults;

/// <summary>Sending: one message at a time, each retried with the same <c>client_message_id</c> until acknowledged.</summary>
internal sealed partial class FaultClient
{
    /// <summary>Sends one message every <paramref name="interval"/> (one at a time, as a client's outbox does) until <paramref name="until"/>.</summary>
    public async Task SendLoopAsync(TimeSpan interval, TimeSpan until, Stopwatch clock, string runId, Random random)
    {
        var next = TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds);
        while (!stopping.IsCancellationRequested)
        {
            if (next > clock.Elapsed)
            {
                await Task.Delay(next - clock.Elapsed);
            }

            if (clock.Elapsed >= until)
            {
                return;
            }

            BenchConversation conversation;
            lock (random)
            {
                conversation = conversations[random.Next(conversations.Count)];
            }

            await SendAsync(conversation.Id, $"{runId}-{user.Index}-{sent}");
            next += interval;
            if (next < clock.Elapsed)
            {
                next = clock.Elapsed; // Behind after an outage: carry on at the same pace, no burst.
            }
        }
    }

    private async Task SendAsync(Guid conversationId, string clientMessageId)
    {
        var record = new SendRecord(clientMessageId, conversationId, user.Id, sent++, Stopwatch.GetTimestamp());
        sends.Add(record);
        var content = $"faults {clientMessageId}";
        while (!stopping.IsCancellationRequested)
        {
            record.Attempts++;
            try
            {
                using var request = Scenario.Request(HttpMethod.Post, Node, $"/api/v1/messaging/conversations/{conversationId}/messages", user.AccessToken,
                    new { content, client_message_id = clientMessageId });
                using var response = await http.SendAsync(request, stopping.Token);
                if (response.IsSuccessStatusCode)
                {
                    var message = await response.Content.ReadFromJsonAsync<JsonElement>(stopping.Token);
                    record.AcknowledgedAt = Stopwatch.GetTimestamp();
                    record.MessageId = message.GetProperty("id").GetGuid();
                    record.Sequence = message.GetProperty("sequence").GetInt64();
                    Apply(conversationId, message);
                    return;
                }

                if (!Retryable(response.StatusCode))
                {
                    record.Refused = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stopping.Token)}";
                    log($"Send {clientMessageId} by client {user.Index} refused: {record.Refused}");
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !stopping.IsCancellationRequested))
            {
                // The node is down or did not answer in time: the same client message id again, maybe elsewhere.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            NextNode();
            await Pause(TimeSpan.FromMilliseconds(250));
        }
    }

    private static bool Retryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
