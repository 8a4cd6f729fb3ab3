using System.Globalization;

namespace Messaging.Web.Features.Admin;

/// <summary>
/// The optional end of a suspension as an administrator picks it (a date input's <c>yyyy-MM-dd</c>): the start of
/// that day in UTC, or none (indefinite) when empty. Shared by the users page and the report queue.
/// </summary>
internal static class SuspensionEndDate
{
    public static DateTime? FromInput(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? day
            : null;
}
