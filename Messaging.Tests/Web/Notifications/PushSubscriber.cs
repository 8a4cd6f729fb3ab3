using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.Core.Notifications.Push;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Messaging.Tests.Web.Notifications;

/// <summary>
/// A browser's Web Push subscription, simulated: a P-256 key and an auth secret, registered through the API with an
/// endpoint on the fixture's loopback <see cref="PushServiceStub"/> (Chromium cannot subscribe without its vendor's
/// push service, which is out of reach here). It waits for the pushes sent to it and decrypts them with its own key.
/// </summary>
public sealed class PushSubscriber : IDisposable
{
    /// <summary>How long a push may take: the dispatcher and Hangfire both poll, and CI runs under load.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly PushServiceStub service;

    private PushSubscriber(PushServiceStub service, string id)
    {
        this.service = service;
        Id = id;
    }

    /// <summary>The endpoint's last segment; its prefix tells the stub how to answer (see <see cref="PushServiceStub"/>).</summary>
    public string Id { get; }

    public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>Every push the service received for this subscription so far, oldest first.</summary>
    public IReadOnlyList<PushRequest> Received => [.. service.Requests.Where(r => r.Id == Id).OrderBy(r => r.At)];

    /// <summary>Subscribes <paramref name="user"/>; <paramref name="kind"/> is the id's prefix (<c>live</c> is answered 201).</summary>
    public static async Task<PushSubscriber> SubscribeAsync(ApiClient api, TestUser user, PushServiceStub service, string kind = "live")
    {
        var subscriber = new PushSubscriber(service, $"{kind}-{Guid.NewGuid():N}");
        try
        {
            await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/notifications/push/subscriptions", user, new
            {
                endpoint = new Uri(service.BaseAddress, $"/push/{subscriber.Id}").ToString(),
                keys = new
                {
                    p256dh = WebEncoders.Base64UrlEncode(WebPushEncryption.PublicKeyBytes(subscriber.Key)),
                    auth = WebEncoders.Base64UrlEncode(subscriber.Auth),
                },
            });
            return subscriber;
        }
        catch
        {
            subscriber.Dispose();
            throw;
        }
    }

    /// <summary>The first push sent to this subscription, waiting for it up to <see cref="Patience"/>.</summary>
    public async Task<PushRequest> WaitForPushAsync() => (await WaitForPushesAsync(1))[0];

    /// <summary>The first <paramref name="count"/> pushes (attempts included), waiting for them up to <see cref="Patience"/>.</summary>
    public async Task<IReadOnlyList<PushRequest>> WaitForPushesAsync(int count)
    {
        IReadOnlyList<PushRequest> found = [];
        await Eventually.UntilAsync($"{count} push(es) to {Id}", () => (found = Received).Count >= count, Patience);
        return found;
    }

    /// <summary>The push's body decrypted with this subscription's key, as the browser's service worker receives it.</summary>
    public string Decrypt(PushRequest request) => Encoding.UTF8.GetString(WebPushEncryption.Decrypt(request.Body, Key, Auth));

    /// <summary>The decrypted body read as the JSON payload the product sends.</summary>
    public JsonNode Payload(PushRequest request) => JsonNode.Parse(Decrypt(request))!;

    public void Dispose() => Key.Dispose();
}
