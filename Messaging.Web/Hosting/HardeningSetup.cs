using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Hosting;

/// <summary>
/// What a deployment behind a reverse proxy needs (docs/security.md, "Deployment hardening"): forwarded headers only
/// from configured proxies, HTTPS and HSTS, Secure cookies, security headers on HTML, and an Origin check on the Blazor hub.
/// </summary>
internal static class HardeningSetup
{
    /// <summary>
    /// Blazor Server needs inline styles (MudBlazor sets style attributes) and a WebSocket back to this origin; no inline
    /// script, no eval, nothing framed, no plugin.
    /// </summary>
    public const string NonceKey = "messaging.csp-nonce";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddMessagingHardening(this IServiceCollection services, IConfiguration configuration)
    {
        HardeningOptions.Validate(services.AddOptions<HardeningOptions>().BindConfiguration(HardeningOptions.Section)).ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HardeningOptions>>((o, hardening) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The defaults trust loopback; trust exactly what the operator configured instead.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            var settings = hardening.Value;
            foreach (var proxy in settings.ForwardedHeaders.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.ForwardedHeaders.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            foreach (var origin in settings.PublicOrigins)
            {
                o.AllowedHosts.Add(new Uri(origin).Authority);
            }
        });

        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<HardeningOptions>, IHostEnvironment>((o, hardening, environment) =>
        {
            var requireSecure = hardening.Value.Cookies.RequireSecure ?? !environment.IsDevelopment();
            o.Secure = requireSecure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.None;
        });
        services.AddKeyRingProtection(configuration);
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the real client address and scheme.</summary>
    public static WebApplication UseMessagingHardening(this WebApplication app)
    {
        var hardening = app.Services.GetRequiredService<IOptions<HardeningOptions>>().Value;
        KeyRingProtection.WarnWhenUnprotected(app);
        if (hardening.TrustsProxies)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseCookiePolicy();
        app.Use(SecurityHeaders);
        var origins = hardening.Origins();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase), blazor => blazor.Use((context, next) => CheckOrigin(context, next, origins)));
        return app;
    }

    /// <summary>The nonce of this response's one inline script (Blazor's import map); see App.razor.</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        // Hex: nothing in it that HTML encoding would change in the attribute.
        var nonce = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReference.Path, StringComparison.OrdinalIgnoreCase)
                    ? ApiReference.ContentSecurityPolicy
                    : ContentSecurityPolicy.Replace("{0}", nonce, StringComparison.Ordinal);
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>
    /// The circuit hub runs with the user's cookie, so a page on another origin must not open it (cross-site WebSocket
    /// hijacking). Same origin as the request is always fine; other origins only when configured.
    /// </summary>
    private static Task CheckOrigin(HttpContext context, Func<Task> next, HashSet<string> allowed)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return next();
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin))
        {
            return next();
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
