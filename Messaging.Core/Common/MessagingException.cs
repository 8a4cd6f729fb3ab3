namespace Messaging.Core.Common;

/// <summary>
/// A refusal that the caller caused (bad input, missing rights). The edge maps <see cref="Code"/> to a status
/// and a localized text; <see cref="Field"/> names the offending input for validation errors.
/// </summary>
public sealed class MessagingException(ErrorCode code, string? field = null, TimeSpan? retryAfter = null)
    : Exception($"{code}{(field is null ? "" : $" ({field})")}")
{
    public ErrorCode Code { get; } = code;
    public string? Field { get; } = field;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
