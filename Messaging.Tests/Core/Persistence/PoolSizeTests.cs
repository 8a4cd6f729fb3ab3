using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Npgsql;

namespace Messaging.Tests.Core.Persistence;

public sealed class PoolSizeTests
{
    private const string Configured = "Host=127.0.0.1;Port=5432;Username=messaging;Password=messaging;Database=x";

    [Theory]
    [InlineData(1, 100, 10, 90)]
    [InlineData(2, 100, 10, 45)]
    [InlineData(3, 200, 20, 60)]
    [InlineData(8, 20, 10, 2)] // never below 2
    public void PostgresConnectionString_NoSizeConfigured_IsTheNodesShareOfMaxConnections(int nodes, int maxConnections, int reserved, int expected)
    {
        var options = new MessagingOptions { Database = { Nodes = nodes, MaxConnections = maxConnections, ReservedConnections = reserved } };

        var pooled = new NpgsqlConnectionStringBuilder(PersistenceRegistration.PostgresConnectionString(options, Configured));

        Assert.Equal(expected, pooled.MaxPoolSize);
        Assert.Equal("x", pooled.Database);
    }

    [Theory]
    [InlineData("Maximum Pool Size=7")]
    [InlineData("maximum pool size = 7")]
    public void PostgresConnectionString_SizeInTheString_Wins(string size)
    {
        var options = new MessagingOptions { Database = { Nodes = 2 } };

        var pooled = new NpgsqlConnectionStringBuilder(PersistenceRegistration.PostgresConnectionString(options, $"{Configured};{size}"));

        Assert.Equal(7, pooled.MaxPoolSize);
    }
}
