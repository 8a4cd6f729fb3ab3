using Messaging.Core.Persistence;
using Messaging.Tests.Web.Notifications;

namespace Messaging.Tests.Web.Accounts;

/// <summary>A host with email configured (a real SMTP server on loopback) and email confirmation left at its default: on.</summary>
public abstract class EmailConfirmationFixture : NotificationFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        // Nothing about Messaging:Accounts: confirmation must be on because email is configured.
    }
}

public sealed class SqliteEmailConfirmationFixture : EmailConfirmationFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresEmailConfirmationFixture : EmailConfirmationFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Confirmation on, with a small Register budget (3 an hour), to see the resend limit answer.</summary>
public sealed class ResendLimitFixture : EmailConfirmationFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void Configure(IDictionary<string, string?> settings) => settings["Messaging:RateLimits:Register:PermitLimit"] = "3";
}
