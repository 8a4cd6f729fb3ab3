using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Web.Hosting;

/// <summary>Timestamps always leave as ISO-8601 UTC with milliseconds and a Z (2026-11-23T10:00:00.123Z).</summary>
internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
