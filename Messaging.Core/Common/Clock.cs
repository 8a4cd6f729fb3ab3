namespace Messaging.Core.Common;

internal static class Clock
{
    /// <summary>Now in UTC, trimmed to microseconds so SQLite and PostgreSQL store and return the same value.</summary>
    public static DateTime UtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }
}
