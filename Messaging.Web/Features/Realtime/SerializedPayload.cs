using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Web.Features.Realtime;

/// <summary>
/// A hub event's argument serialized once and written as the same UTF-8 JSON bytes to every connection that receives
/// it: SignalR's JSON protocol serializes each argument per connection, which for a group of N recipients meant N
/// serializations of the same message. The bytes are tied to the serializer options that made them (the hub protocol
/// has one), so a caller with other options still gets a correct serialization of its own.
/// </summary>
[JsonConverter(typeof(SerializedPayloadConverter))]
internal sealed class SerializedPayload(object value)
{
    private Serialized? serialized;

    public object Value { get; } = value;

    /// <summary>The JSON of <see cref="Value"/> under <paramref name="options"/>, made on the first call only.</summary>
    public byte[] Utf8Json(JsonSerializerOptions options)
    {
        var current = Volatile.Read(ref serialized);
        if (current is not null && ReferenceEquals(current.Options, options))
        {
            return current.Bytes;
        }

        // Two connections racing on the first write may both serialize; either result is the same bytes.
        var made = new Serialized(options, JsonSerializer.SerializeToUtf8Bytes(Value, Value.GetType(), options));
        Interlocked.CompareExchange(ref serialized, made, current);
        return made.Bytes;
    }

    private sealed record Serialized(JsonSerializerOptions Options, byte[] Bytes);
}

/// <summary>Writes a <see cref="SerializedPayload"/>'s bytes as they are; payloads are only ever sent, never read.</summary>
internal sealed class SerializedPayloadConverter : JsonConverter<SerializedPayload>
{
    public override SerializedPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Hub event payloads are written by the server only.");

    public override void Write(Utf8JsonWriter writer, SerializedPayload value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8Json(options), skipInputValidation: true);
}
