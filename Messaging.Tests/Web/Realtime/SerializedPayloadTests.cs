using System.Buffers;
using System.Text;
using Messaging.Core.Realtime;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Messaging.Tests.Web.Realtime;

/// <summary>
/// Hub events are serialized once per event (<see cref="SerializedPayload"/>) and the frame on the wire is the same
/// bytes the per-connection serialization wrote, so the JavaScript and .NET clients see no difference.
/// </summary>
public sealed class SerializedPayloadTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    [Fact]
    public void PayloadOf_SameEventForManyRecipients_SerializesOnceAndSharesTheBytes()
    {
        var writer = app.Host.Services.GetRequiredService<HubEventWriter>();
        var options = app.Host.Services.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;
        var receipt = new ReceiptEvent([Alice, Bob], ReceiptKind.Read, Guid.NewGuid(), Alice, Guid.NewGuid(), 7, DateTime.UtcNow);

        var first = writer.PayloadOf(receipt).Utf8Json(options);
        var second = writer.PayloadOf(receipt).Utf8Json(options);
        var otherEvent = writer.PayloadOf(receipt with { Sequence = 8 }).Utf8Json(options);

        Assert.Same(first, second);
        Assert.NotSame(first, otherEvent);
    }

    [Fact]
    public void HubFrame_WithSerializedPayload_IsByteForByteTheFrameOfThePlainPayload()
    {
        var protocol = app.Host.Services.GetServices<IHubProtocol>().Single(p => p.Name == "json");
        var writer = app.Host.Services.GetRequiredService<HubEventWriter>();
        var typing = new TypingEvent([Bob], true, Guid.NewGuid(), Alice, "Alice \"Ä\" علي");
        var receipt = new ReceiptEvent([Bob], ReceiptKind.Delivered, Guid.NewGuid(), Alice, Guid.NewGuid(), 42, new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc));

        Assert.Equal(
            Frame(protocol, "typing_start", new TypingPayload(typing.ConversationId, typing.UserId, typing.UserName)),
            Frame(protocol, "typing_start", writer.PayloadOf(typing)));
        Assert.Equal(
            Frame(protocol, "message_delivered", new ReceiptPayload(receipt.ConversationId, receipt.UserId, receipt.MessageId, receipt.Sequence, receipt.At)),
            Frame(protocol, "message_delivered", writer.PayloadOf(receipt)));
    }

    private static string Frame(IHubProtocol protocol, string target, object payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        protocol.WriteMessage(new InvocationMessage(target, [payload]), buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
