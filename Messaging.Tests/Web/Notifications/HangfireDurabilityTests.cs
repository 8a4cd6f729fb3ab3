using Hangfire;
using Messaging.Core.Notifications;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Notifications;

/// <summary>Hangfire keeps its work in the database (PostgreSQL) or beside it (SQLite): a restart loses no scheduled job.</summary>
public sealed class HangfireDurabilityTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ScheduledJob_SurvivesARestart_AndRunsOnTheNextNode(DatabaseProvider provider)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-hangfire-").FullName;
        IAsyncDisposable database;
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = await PostgresDatabase.CreateAsync();
            (database, connectionString) = (postgres, postgres.ConnectionString);
        }
        else
        {
            var sqlite = await SqliteDatabase.CreateAsync();
            (database, connectionString) = (sqlite, sqlite.ConnectionString);
        }

        try
        {
            string jobId;
            await using (var first = MessagingHost.Start(provider, connectionString, dataDirectory))
            {
                jobId = first.Services.GetRequiredService<IBackgroundJobClient>()
                    .Schedule<NotificationCleanupJob>(job => job.RunAsync(CancellationToken.None), TimeSpan.FromSeconds(10));
            }

            await using var second = MessagingHost.Start(provider, connectionString, dataDirectory);
            using var connection = second.Services.GetRequiredService<JobStorage>().GetConnection();
            Assert.Equal("Scheduled", connection.GetStateData(jobId)?.Name);

            await Eventually.ValueAsync(
                "the scheduled job to succeed after the restart (its state)",
                () => Task.FromResult(connection.GetStateData(jobId)?.Name),
                state => state == "Succeeded", TimeSpan.FromSeconds(45), TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            await database.DisposeAsync();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }
}
