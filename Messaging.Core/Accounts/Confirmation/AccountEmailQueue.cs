using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Core.Accounts.Confirmation;

/// <summary>Where registration hands its emails: sent by a job, so the answer never waits on (or reveals) SMTP.</summary>
public interface IAccountEmailQueue
{
    void SendConfirmation(Guid userId);

    void SendAlreadyRegistered(Guid userId);
}

/// <summary>
/// Account emails as Hangfire jobs (retried when the mail server is away). Hangfire's client is looked up only when an
/// email is queued, so hosts without Hangfire (Core tests, tools) can register people as long as email is off.
/// </summary>
public sealed class HangfireAccountEmailQueue(IServiceProvider services) : IAccountEmailQueue
{
    public void SendConfirmation(Guid userId) =>
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<AccountEmailJob>(job => job.SendConfirmationAsync(userId, CancellationToken.None));

    public void SendAlreadyRegistered(Guid userId) =>
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<AccountEmailJob>(job => job.SendAlreadyRegisteredAsync(userId, CancellationToken.None));
}
