using System.Net;
using Messaging.Core.Operations;
using Messaging.Web.Features.RateLimiting;
using Messaging.Web.Features.Realtime;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Messaging.Web.Hosting;

/// <summary>The <c>Messaging:Metrics</c> section.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Messaging:Metrics";

    /// <summary>Serve <c>GET /metrics</c> in the Prometheus text format.</summary>
    public bool Prometheus { get; set; }

    /// <summary>CIDR ranges whose clients may read <c>/metrics</c>; everyone else gets 404. Default: loopback only.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    internal IReadOnlyList<IPNetwork> Networks() =>
        (AllowedNetworks.Count == 0 ? ["127.0.0.0/8", "::1/128"] : AllowedNetworks).Select(IPNetwork.Parse).ToList();
}

/// <summary>The standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (a top-level key, usually an environment variable).</summary>
public sealed class OtlpExportOptions
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The collector's address; empty: nothing is exported over OTLP.</summary>
    [ConfigurationKeyName(EndpointKey)]
    public string? Endpoint { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The exporter would otherwise fall back to localhost:4317 in silence.</summary>
    internal bool IsValid => !Enabled
        || (Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}

/// <summary>
/// OpenTelemetry traces and metrics: the framework's instrumentation plus the product's own meters. OTLP export when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a Prometheus scrape endpoint by setting (docs/operations.md).
/// </summary>
internal static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddMessagingObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.AllowedNetworks.All(n => IPNetwork.TryParse(n, out _)), "Messaging:Metrics:AllowedNetworks must be a list of CIDR ranges such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<OtlpExportOptions>().Configure<IConfiguration>((o, root) => root.Bind(o))
            .Validate(o => o.IsValid, "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http or https URL such as http://collector:4317.")
            .ValidateOnStart();
        // OpenTelemetry adds its exporters while services are registered (it builds its readers from them), so whether
        // to add each is read here, once, through the same options types; everything else is read at run time.
        var prometheus = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Prometheus == true;
        var otlp = configuration.Get<OtlpExportOptions>()?.Enabled == true;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("messaging", serviceVersion: typeof(ObservabilitySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
                    .AddMeter("Microsoft.EntityFrameworkCore", "Npgsql")
                    .AddMeter(MessagingMetrics.MeterName, RealtimeMetrics.MeterName, LimitMetrics.MeterName);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddSource("Microsoft.AspNetCore.SignalR.Server"));
        if (otlp)
        {
            // Reads OTEL_EXPORTER_OTLP_* itself; logs go along so a collector sees them with their trace ids.
            telemetry.WithLogging().UseOtlpExporter();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapMessagingObservability(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(AllowedOnlyAsync), optionsName: null);
        }

        return app;
    }

    /// <summary>Metrics reveal load and user counts: outside the allowed networks the endpoint does not exist.</summary>
    private static Task AllowedOnlyAsync(HttpContext http, Func<Task> next)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        var networks = http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.Networks();
        if (address is null || !networks.Any(n => n.Contains(address)))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next();
    }
}
