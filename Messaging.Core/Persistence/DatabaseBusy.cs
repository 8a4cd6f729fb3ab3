using Npgsql;

namespace Messaging.Core.Persistence;

/// <summary>
/// Recognizes the database being out of connections rather than broken: Npgsql's pool wait or connect timing out
/// (<c>NpgsqlException</c> over a <c>TimeoutException</c>), or the server refusing more clients. The edge answers these
/// 503 with <c>Retry-After</c> (try again shortly), not 500 (ADR 0030).
/// </summary>
public static class DatabaseBusy
{
    /// <summary>How long a client is asked to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when postgres.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow:
                    return true;
                case NpgsqlException { InnerException: TimeoutException }:
                    return true;
            }
        }

        return false;
    }
}
