using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Core.Hosting;

/// <summary>A bad configuration value stops the app at start-up with a message that names the setting.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Messaging:Presence:Heartbeat", "-00:00:05", "Messaging:Presence")]
    [InlineData("Messaging:Realtime:ChannelPrefix", "", "Messaging:Realtime:ChannelPrefix")]
    [InlineData("Messaging:MaxRequestBodyBytes", "12", "Messaging:MaxRequestBodyBytes")]
    [InlineData("Messaging:Auth:AccessTokenLifetime", "00:00:00", "Messaging:Auth:AccessTokenLifetime")]
    [InlineData("Messaging:Database:Provider", "Oracle", "Messaging:Database:Provider")]
    public async Task Start_BadSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        await using var database = await SqliteDatabase.CreateAsync();

        var failure = Assert.ThrowsAny<Exception>(() =>
        {
            using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory, extra: new Dictionary<string, string?> { [key] = value });
        });

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_FailsWithClearMessage()
    {
        await using var database = await SqliteDatabase.CreateAsync();

        var failure = Assert.ThrowsAny<Exception>(() =>
        {
            using var host = MessagingHost.Start(DatabaseProvider.Postgres, "", database.DataDirectory);
        });

        Assert.Contains("Messaging:Database:Provider is Postgres but ConnectionStrings:Messaging is empty.", failure.ToString(), StringComparison.Ordinal);
    }
}
