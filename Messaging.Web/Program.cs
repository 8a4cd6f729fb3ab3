using Messaging.Core;
using Messaging.Web.Features.Api;
using Messaging.Web.Features.Realtime;
using Messaging.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMessagingCore(builder.Configuration);
builder.Services.AddMessagingAuthentication(builder.Configuration);
builder.Services.AddMessagingApi();
builder.Services.AddMessagingUi();
builder.Services.AddMessagingOperations();
builder.Services.AddMessagingRealtimeHub(builder.Configuration);

var app = builder.Build();

if (args.Contains("--migrate"))
{
    await app.MigrateAsync();
    return;
}

await app.PrepareAsync();

app.UseMessagingPipeline();
app.MapMessagingApi();
app.MapMessagingUi();
app.MapMessagingOperations();
app.MapMessagingRealtime();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
