using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Messaging.Core.Accounts;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Persistence;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Notifications;

/// <summary>Hangfire (durable on both databases), its dashboard for administrators, the digest schedule and the notification endpoints.</summary>
internal static class NotificationsSetup
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>How soon a queued push is picked up (both storages poll).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static int metricsFilterAdded;

    public static IServiceCollection AddMessagingNotifications(this IServiceCollection services)
    {
        // This host's own storage, registered before AddHangfire (which only adds JobStorage.Current when none is): the
        // static JobStorage.Current is one per process, so several hosts in one process (the tests) would otherwise
        // enqueue into whichever storage was configured last.
        services.AddSingleton<JobStorage>(sp => CreateStorage(sp.GetRequiredService<IOptions<MessagingOptions>>().Value,
            sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Messaging));
        // Likewise this host's own job activator: AddHangfire would register whatever the static JobActivator.Current is
        // when first asked, which may be another host's (already disposed) one, and every job would then fail.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) =>
        {
            config
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()));
            // Global filters are one list per process: add the (stateless) metrics filter once, not once per host.
            if (Interlocked.Exchange(ref metricsFilterAdded, 1) == 0)
            {
                config.UseFilter(new Operations.JobMetricsFilter());
            }
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.ServerName = $"messaging-{Environment.MachineName}-{Guid.NewGuid():N}";
            // Retried pushes wait in the scheduled set; look at it as often as at the queue, so a Retry-After is kept closely.
            o.SchedulePollingInterval = PollInterval;
        });
        return services;
    }

    private static JobStorage CreateStorage(MessagingOptions messaging, string? connectionString)
    {
        if (messaging.Database.Provider == DatabaseProvider.Postgres)
        {
            var options = new PostgreSqlStorageOptions { QueuePollInterval = PollInterval };
            // The product's own pool (same string, sized per node: ADR 0030), not a second one beside it.
            var pooled = PersistenceRegistration.PostgresConnectionString(messaging, connectionString);
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(pooled, options), options);
        }

        // Its own file beside the database: Hangfire's polling never competes with the product's writer.
        Directory.CreateDirectory(messaging.FullDataDirectory);
        return new SQLiteStorage(Path.Combine(messaging.FullDataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = PollInterval });
    }

    public static WebApplication MapMessagingNotifications(this WebApplication app)
    {
        app.MapNotificationEndpoints();
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            DashboardTitle = "Messaging jobs",
            AppPath = "/admin",
        });

        // The recurring jobs: each runs once per deployment, whatever the number of nodes.
        var options = app.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<EmailDigestJob>(EmailDigestJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.DigestCron);
        recurring.AddOrUpdate<NotificationCleanupJob>(NotificationCleanupJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), NotificationCleanupJob.Cron);
        recurring.AddOrUpdate<AttachmentCleanup>(AttachmentCleanup.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            app.Services.GetRequiredService<IOptions<AttachmentOptions>>().Value.CleanupCron);
        Features.DataRights.DataRightsJobs.Schedule(app.Services, recurring);
        Features.Retention.RetentionJobs.Schedule(app.Services, recurring);
        if (!app.Services.GetRequiredService<IEmailSender>().IsEnabled)
        {
            app.Logger.LogInformation("Email is off: Messaging:Email:Host is not set, so no digests or confirmation emails are sent.");
        }

        return app;
    }

    /// <summary>
    /// Hangfire's log provider is one static per process; a host that has stopped (tests run several in one process)
    /// must not break the logging of those still running, so a disposed factory yields a silent logger.
    /// </summary>
    private sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
    {
        private readonly Hangfire.AspNetCore.AspNetCoreLogProvider inner = new(factory);

        public Hangfire.Logging.ILog GetLogger(string name)
        {
            try
            {
                return inner.GetLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return new SilentLog();
            }
        }
    }

    private sealed class SilentLog : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
