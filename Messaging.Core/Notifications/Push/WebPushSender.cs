using System.Net;
using System.Net.Http.Headers;
using Messaging.Core.Operations;
using Microsoft.AspNetCore.WebUtilities;

namespace Messaging.Core.Notifications.Push;

public enum PushOutcome
{
    Delivered,

    /// <summary>404 or 410: the subscription is gone and is deleted.</summary>
    Gone,

    /// <summary>429 or 5xx, or no answer: worth another try later.</summary>
    RetryLater,

    /// <summary>Any other refusal (400, 401, 413...): trying again would not help.</summary>
    Rejected,
}

/// <summary>Sends one encrypted message to one push subscription (RFC 8030).</summary>
public interface IPushSender
{
    Task<PushOutcome> SendAsync(PushSubscription subscription, byte[] payload, CancellationToken cancellationToken);
}

public sealed class WebPushSender(HttpClient http, VapidKeys vapid, TimeProvider time) : IPushSender
{
    public const string HttpClientName = "webpush";

    public async Task<PushOutcome> SendAsync(PushSubscription subscription, byte[] payload, CancellationToken cancellationToken)
    {
        var outcome = await SendOnceAsync(subscription, payload, cancellationToken);
        MessagingMetrics.Pushes.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeTag(outcome)));
        return outcome;
    }

    private static string OutcomeTag(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Delivered => "delivered",
        PushOutcome.Gone => "gone",
        PushOutcome.RetryLater => "retry_later",
        _ => "rejected",
    };

    private async Task<PushOutcome> SendOnceAsync(PushSubscription subscription, byte[] payload, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(subscription.Endpoint);
        var body = WebPushEncryption.Encrypt(payload, WebEncoders.Base64UrlDecode(subscription.P256dh), WebEncoders.Base64UrlDecode(subscription.Auth));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.TryAddWithoutValidation("Authorization", vapid.Authorization(endpoint, time.GetUtcNow()));
        request.Headers.TryAddWithoutValidation("TTL", "86400");
        request.Headers.TryAddWithoutValidation("Urgency", "normal");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.StatusCode switch
            {
                _ when response.IsSuccessStatusCode => PushOutcome.Delivered,
                HttpStatusCode.NotFound or HttpStatusCode.Gone => PushOutcome.Gone,
                HttpStatusCode.TooManyRequests => PushOutcome.RetryLater,
                >= HttpStatusCode.InternalServerError => PushOutcome.RetryLater,
                _ => PushOutcome.Rejected,
            };
        }
        catch (HttpRequestException)
        {
            return PushOutcome.RetryLater;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout.
            return PushOutcome.RetryLater;
        }
    }
}
