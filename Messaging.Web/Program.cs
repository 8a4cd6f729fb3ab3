using Messaging.Core;
using Messaging.Web.Features.Notifications;
using Messaging.Web.Features.RateLimiting;
using Messaging.Web.Features.Realtime;
using Messaging.Web.Hosting;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));
builder.RequireStaticFiles();

builder.Services.AddMessagingCore(builder.Configuration);
builder.Services.AddMessagingAuthentication(builder.Configuration);
builder.Services.AddMessagingApi();
builder.Services.AddMessagingUi();
builder.Services.AddMessagingOperations();
builder.Services.AddMessagingObservability(builder.Configuration);
builder.Services.AddMessagingRealtimeHub(builder.Configuration);
builder.Services.AddMessagingNotifications();
builder.Services.AddMessagingLimits();
builder.Services.AddMessagingHardening(builder.Configuration);

var app = builder.BuildValidated();
if (app is null)
{
    return;
}

if (args.Contains("--migrate"))
{
    await app.MigrateAsync();
    return;
}

if (await app.RunBackupCommandAsync(args))
{
    return;
}

await app.PrepareAsync();

app.UseMessagingPipeline();
app.MapMessagingApi();
app.MapMessagingUi();
app.MapMessagingOperations();
app.MapMessagingObservability();
app.MapMessagingRealtime();
app.MapMessagingNotifications();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
