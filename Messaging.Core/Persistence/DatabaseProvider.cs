namespace Messaging.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
